"""The audit log as a director reads it: one French sentence per line.

« Claire Lefebvre a émis le bilan « EMPS Montigny-en-Gohelle — 2023 » (version externe)
le 3 décembre 2026 à 9 h 12 ». Object kinds and field names come from the models'
French names; values of fixed choices read as their labels. Nothing here reads the
database: the names of the people come with the events (``select_related("user")``).
"""

import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AuditAction, AuditEvent

_AUDIENCES = {"internal": gettext_lazy("version interne"), "external": gettext_lazy("version externe")}
_EMPTY = "—"


def when(moment: datetime.datetime) -> str:
    """« le 3 décembre 2026 à 9 h 12 »."""
    local = timezone.localtime(moment)
    day = formats.date_format(local, "j F Y")
    return _("le %(day)s à %(hour)s h %(minute)02d") % {
        "day": day,
        "hour": local.hour,
        "minute": local.minute,
    }


def actor(event: AuditEvent) -> str:
    """The person, by name; the username typed for a failed login; the system for scheduled work."""
    if event.user is not None:
        return event.user.get_full_name() or event.user.username
    return event.username or _("Le système")


def _model(event: AuditEvent) -> type[models.Model] | None:
    if not event.target_type:
        return None
    try:
        return apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return None


def target(event: AuditEvent) -> str:
    """What the line is about: « la fiche du jeune n° 12 », « l'intervention (jeune n° 12) »…"""
    model = _model(event)
    if event.target_type == "youths.youth":
        return _("la fiche du jeune n° %(id)s") % {"id": event.target_id}
    if model is None:
        return f"« {event.target_label} »" if event.target_label else _("un objet")
    kind = str(model._meta.verbose_name)
    label = event.target_label
    if label.startswith(kind):  # labels naming no youth read « intervention (jeune n° 12) »
        return label
    return f"{kind} « {label} »" if label else kind


def _value(field: models.Field | None, value) -> str:
    if value is None or value == "":
        return _EMPTY
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    return str(value)


def changes(event: AuditEvent) -> str:
    """« public : — → version externe ; titre : modifié »."""
    model = _model(event)
    parts = []
    for name, values in (event.changes or {}).items():
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
        label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else name
        if isinstance(values, list | tuple) and len(values) == 2:
            parts.append(f"{label} : {_value(field, values[0])} → {_value(field, values[1])}")
        else:
            parts.append(f"{label} : {values}")
    return " ; ".join(parts)


def sentence(event: AuditEvent) -> str:
    who, at = actor(event), when(event.at)
    what = target(event)
    action = event.action
    if action == AuditAction.REPORT_ISSUE:
        title, _sep, audience = event.target_label.rpartition(" (")
        audience = _AUDIENCES.get(audience.rstrip(")"), audience.rstrip(")"))
        return _("%(who)s a émis le bilan « %(title)s » (%(audience)s) %(at)s") % {
            "who": who,
            "title": title or event.target_label,
            "audience": audience,
            "at": at,
        }
    verbs = {
        AuditAction.LOGIN: _("%(who)s s'est connecté·e %(at)s"),
        AuditAction.LOGIN_FAILED: _("Échec de connexion pour l'identifiant « %(username)s » %(at)s"),
        AuditAction.LOGOUT: _("%(who)s s'est déconnecté·e %(at)s"),
        AuditAction.READ: _("%(who)s a consulté %(what)s %(at)s"),
        AuditAction.EXPORT: _("%(who)s a exporté %(what)s %(at)s"),
        AuditAction.CREATE: _("%(who)s a créé %(what)s %(at)s"),
        AuditAction.UPDATE: _("%(who)s a modifié %(what)s %(at)s"),
        AuditAction.DELETE: _("%(who)s a supprimé %(what)s %(at)s"),
        AuditAction.ERASE: _("%(who)s a effacé sur demande %(what)s %(at)s"),
        AuditAction.ARCHIVE: _("%(who)s a archivé %(what)s (durée de conservation) %(at)s"),
        AuditAction.ANONYMISE: _("%(who)s a anonymisé %(what)s (durée de conservation) %(at)s"),
    }
    return verbs.get(action, _("%(who)s : %(what)s %(at)s")) % {
        "who": who,
        "what": what,
        "at": at,
        "username": event.username,
    }
