"""The edit form's side of a versioned record: the version it was opened at, and, when another
session saved the record meanwhile, both values of every field the two differ on."""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from .versions import Versioned

MISSING_VERSION = _(
    "Ce formulaire ne dit pas quelle version de la fiche il modifie : rouvrez la fiche, "
    "puis enregistrez de nouveau."
)


@dataclass(frozen=True)
class ConflictRow:
    """A field the stale form would change back: the value saved meanwhile, and the form's."""

    label: str
    theirs: str
    yours: str


class VersionedForm:
    """Mixed, before ``forms.Form`` or ``forms.ModelForm``, into the edit form of a ``Versioned``
    record. ``__init__`` calls ``track_version(instance)``; the form gives, in
    ``initial_from(record)``, the values it shows for a record, as for its own ``initial``.
    A valid form's ``cleaned_data["version"]`` is the version to claim on saving."""

    # None while the form is not stale; the rows (maybe none) once another session saved first.
    conflicts: list[ConflictRow] | None = None

    def track_version(self, instance: Model | None) -> None:
        if isinstance(instance, Versioned) and instance.pk is not None:
            self.fields["version"] = forms.CharField(required=False, widget=forms.HiddenInput)
            self.initial["version"] = instance.version

    def initial_from(self, instance: Model) -> dict[str, Any]:
        raise TypeError(f"{type(self).__name__} must say which values it shows for a record")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "version" in self.fields:
            version = str(data.get("version") or "")
            if version.isdigit():
                data["version"] = int(version)
            else:
                # A page saved before versions existed, or a tampered field: never saved blind.
                self.add_error(None, MISSING_VERSION)
        return data

    @property
    def stale(self) -> bool:
        return self.conflicts is not None

    def show_conflict(self, current: Versioned) -> None:
        """Show each field where ``current`` (saved by another session) and this form differ.

        The form then carries ``current``'s version: saving it again is a choice made with both
        values in sight, and overwrites them knowingly."""
        theirs = self.initial_from(current)
        self.conflicts = [
            ConflictRow(
                str(field.label or name),
                shown(field, theirs[name]),
                shown(field, self.cleaned_data.get(name)),
            )
            for name, field in self.fields.items()
            if name != "version" and name in theirs and field.has_changed(theirs[name], self[name].data)
        ]
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version


def shown(field: forms.Field, value: Any) -> str:
    """``value`` of ``field`` as the person reads it in the form: labels, not keys; dates in French."""
    if isinstance(value, list | tuple | set | QuerySet):
        return ", ".join(_shown_one(field, item) for item in value) or "—"
    return _shown_one(field, value)


def _shown_one(field: forms.Field, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(field, forms.ModelChoiceField):
        record = value if isinstance(value, Model) else field.queryset.filter(pk=value).first()
        return field.label_from_instance(record) if record is not None else "—"
    if isinstance(field, forms.BooleanField):
        return str(_("Oui") if value else _("Non"))
    if isinstance(field, forms.ChoiceField):
        return str({str(key): label for key, label in field.choices}.get(str(value), value))
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)
