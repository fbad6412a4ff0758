"""Changes to youth files: create and edit, accompaniment and situation, merge of duplicates.

Every change goes through a function here: it validates (``full_clean``) before
saving, and changes touching several records run in one transaction.
"""

import datetime
import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from carnet.access.models import User
from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.editing.versions import claim_version, version_raised
from carnet.facts.services import participation_years, refresh_participation_facts
from carnet.facts.youth_facts import refresh_youth_facts
from carnet.offline.services import create_once
from carnet.organisations.models import Team
from carnet.referentials.models import Modality, Situation

from .models import AccompanimentPeriod, SituationChange, TeamFollowUp, Youth, YouthMerge

audit_log = logging.getLogger("carnet.audit")

# The fields a youth form may set; team and merge state are set by the services only.
EDITABLE_FIELDS = (
    "first_name",
    "nickname",
    "code",
    "last_name",
    "sex",
    "birth_date",
    "birth_year",
    "commune",
    "quartier",
    "origin",
    "first_contact_date",
)


def youth_create(*, team: Team, user: User, client_uuid: uuid.UUID | None = None, **fields: Any) -> Youth:
    """A new youth file by ``user``; ``client_uuid`` names an entry made on the phone, which
    creates one file however often it is sent (the later sendings return that file)."""

    def create() -> Youth:
        youth = Youth(team=team, created_by=user, client_uuid=client_uuid)
        _set_fields(youth, fields)
        youth.full_clean()
        youth.save()
        audit_log.info("youth %s created by user %s", youth.pk, user.pk)
        return youth

    return create_once(Youth, created_by=user, client_uuid=client_uuid, create=create)


def youth_update(*, youth: Youth, user: User, version: int, **fields: Any) -> Youth:
    """Save the edit of a form opened at ``version`` of the file; refused with EditConflict
    when another session saved the file in between (nothing of this edit is written)."""
    _refuse_archived(youth)
    _set_fields(youth, fields)
    youth.full_clean()
    with transaction.atomic():
        claim_version(youth, version=version)
        youth.save()
    audit_log.info("youth %s changed by user %s", youth.pk, user.pk)
    return youth


def _set_fields(youth: Youth, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable youth fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(youth, name, value)
    if youth.birth_date and not youth.birth_year:
        youth.birth_year = youth.birth_date.year


def _refuse_archived(youth: Youth) -> None:
    if youth.merged_into_id:
        raise ValidationError(_("Cette fiche a été fusionnée dans une autre : modifiez la fiche conservée."))


def _refuse_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("La date ne peut pas être dans le futur.")})


# --- Accompaniment and situation -------------------------------------------------------------


def open_period(*, youth: Youth) -> AccompanimentPeriod | None:
    return youth.accompaniment_periods.filter(end__isnull=True).select_related("modality").first()


@transaction.atomic
def accompaniment_change(
    *,
    youth: Youth,
    modality: Modality,
    start: datetime.date,
    referents: Iterable[User],
    user: User,
) -> AccompanimentPeriod:
    """Move ``youth`` to ``modality`` from ``start``: the open period ends the day before.

    On the open period's own first day the change corrects that period instead
    (a modality chosen by mistake); with the same modality, only the référents change.
    """
    _refuse_archived(youth)
    _refuse_future(start, "start")
    # Two changes at once on one youth: the second waits, then sees the first's period.
    youth = Youth.objects.select_for_update().select_related("team").get(pk=youth.pk)
    if modality.organisation_id != youth.team.organisation_id:
        raise ValidationError({"modality": _("Cette modalité n'appartient pas à l'organisation du jeune.")})
    current = open_period(youth=youth)
    if current and start < current.start:
        raise ValidationError(
            {
                "start": _(
                    "La nouvelle modalité ne peut pas commencer avant le début de la modalité en cours "
                    "(%(modality)s depuis le %(start)s)."
                )
                % {"modality": current.modality.label, "start": f"{current.start:%d/%m/%Y}"}
            }
        )
    if current and (start == current.start or modality.pk == current.modality_id):
        period = current
        period.modality = modality
    else:
        if current:
            current.end = start - datetime.timedelta(days=1)
            current.full_clean()
            current.save()
        period = AccompanimentPeriod(youth=youth, modality=modality, start=start)
    period.full_clean()
    period.save()
    period.referents.set(referents)
    audit_log.info("youth %s moved to modality %s by user %s", youth.pk, modality.pk, user.pk)
    return period


@transaction.atomic
def accompaniment_end(*, youth: Youth, end: datetime.date, user: User) -> AccompanimentPeriod:
    """End the youth's open accompaniment period on ``end``."""
    _refuse_archived(youth)
    _refuse_future(end, "end")
    current = open_period(youth=youth)
    if current is None:
        raise ValidationError(_("Ce jeune n'a pas d'accompagnement en cours."))
    if end < current.start:
        raise ValidationError(
            {
                "end": _("L'accompagnement ne peut pas finir avant son début (%(start)s).")
                % {"start": f"{current.start:%d/%m/%Y}"}
            }
        )
    current.end = end
    current.full_clean()
    current.save()
    audit_log.info("youth %s accompaniment ended by user %s", youth.pk, user.pk)
    return current


@transaction.atomic
def situation_record(*, youth: Youth, situation: Situation, since: datetime.date) -> SituationChange:
    """The youth is in ``situation`` from ``since``; a second record on the same day replaces the first."""
    _refuse_archived(youth)
    _refuse_future(since, "since")
    if situation.organisation_id != youth.team.organisation_id:
        raise ValidationError({"situation": _("Cette situation n'appartient pas à l'organisation du jeune.")})
    change = SituationChange.objects.filter(youth=youth, since=since).first() or SituationChange(
        youth=youth, since=since
    )
    change.situation = situation
    change.full_clean()
    change.save()
    return change


# --- Merging two records of one youth ----------------------------------------------------------

ActionParticipation = CollectiveAction.participants.through
PresenceNaming = PresenceSession.known_youths.through


@transaction.atomic
def youth_merge(*, kept: Youth, merged: Youth, user: User) -> YouthMerge:
    """Make ``merged`` part of ``kept``: its records move over, its data fills kept's gaps, it is archived.

    Nothing is deleted, so ``youth_merge_undo`` can put everything back.
    """
    kept, merged = (Youth.objects.select_for_update().get(pk=youth.pk) for youth in (kept, merged))
    _check_mergeable(kept, merged)
    moved = {
        "interventions": list(merged.interventions.values_list("pk", flat=True)),
        "accompaniment_periods": list(merged.accompaniment_periods.values_list("pk", flat=True)),
        # A situation recorded the same day on both records stays, archived, with the merged one.
        "situation_changes": list(
            merged.situation_changes.exclude(since__in=kept.situation_changes.values("since")).values_list(
                "pk", flat=True
            )
        ),
    }
    # Records the merge changes get a new version: their edit forms opened before it are refused.
    Intervention.objects.filter(pk__in=moved["interventions"]).update(youth=kept, **version_raised())
    AccompanimentPeriod.objects.filter(pk__in=moved["accompaniment_periods"]).update(youth=kept)
    SituationChange.objects.filter(pk__in=moved["situation_changes"]).update(youth=kept)
    for key, through, target, model in (
        ("actions", ActionParticipation, "collectiveaction_id", CollectiveAction),
        ("presence_sessions", PresenceNaming, "presencesession_id", PresenceSession),
    ):
        moved[key], moved[f"{key}_shared"] = _move_links(through, target, source=merged, to=kept)
        model.objects.filter(pk__in=moved[key] + moved[f"{key}_shared"]).update(**version_raised())
    filled = _fill_gaps(kept, merged)
    merged.merged_into = kept
    for youth in (merged, kept):  # merged first: it may hand its external id over to kept
        youth.full_clean()
        youth.version += 1
        youth.save()
    refresh_youth_facts(youth_ids=[kept.pk, merged.pk])
    # An action both took part in loses (or, undone, regains) one known participant.
    refresh_participation_facts(years=participation_years(youth_ids=[kept.pk, merged.pk]))
    merge = YouthMerge(kept=kept, merged=merged, merged_by=user, moved=moved, filled_fields=filled)
    merge.full_clean()
    merge.save()
    audit_log.info("youth %s merged into youth %s by user %s", merged.pk, kept.pk, user.pk)
    return merge


def _check_mergeable(kept: Youth, merged: Youth) -> None:
    if kept.pk == merged.pk:
        raise ValidationError(_("Une fiche ne peut pas être fusionnée avec elle-même."))
    if kept.team_id != merged.team_id:
        raise ValidationError(_("Seules deux fiches d'une même équipe peuvent être fusionnées."))
    if kept.merged_into_id or merged.merged_into_id:
        raise ValidationError(_("L'une des deux fiches est déjà fusionnée dans une autre."))
    kept_periods = list(kept.accompaniment_periods.select_related("modality"))
    for period in merged.accompaniment_periods.select_related("modality"):
        for other in kept_periods:
            if period.overlaps(other):
                raise ValidationError(
                    _(
                        "Fusion impossible : les périodes d'accompagnement « %(one)s » et « %(other)s » "
                        "se chevauchent. Corrigez l'une des deux fiches avant de fusionner."
                    )
                    % {"one": other, "other": period}
                )


def _move_links(through, target: str, *, source: Youth, to: Youth) -> tuple[list[int], list[int]]:
    """Move ``source``'s many-to-many rows to ``to``; rows ``to`` already has are removed, not doubled.

    Returns the ids of the linked records moved, and of those both youths shared.
    """
    already = set(through.objects.filter(youth=to).values_list(target, flat=True))
    linked = list(through.objects.filter(youth=source).values_list(target, flat=True))
    moved = [pk for pk in linked if pk not in already]
    shared = [pk for pk in linked if pk in already]
    through.objects.filter(youth=source, **{f"{target}__in": moved}).update(youth=to)
    through.objects.filter(youth=source, **{f"{target}__in": shared}).delete()
    return moved, shared


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _from_json(youth: Youth, attname: str, value: Any) -> Any:
    field = next(field for field in youth._meta.concrete_fields if field.attname == attname)
    return datetime.date.fromisoformat(value) if value and field.get_internal_type() == "DateField" else value


def _fill_gaps(kept: Youth, merged: Youth) -> dict[str, dict[str, dict[str, Any]]]:
    """Copy into ``kept`` what it lacks and ``merged`` knows; returns each change as before/after."""
    changes: dict[str, dict[str, Any]] = {}

    def take(attname: str, value: Any) -> None:
        changes[attname] = {"before": _json(getattr(kept, attname)), "after": _json(value)}
        setattr(kept, attname, value)

    for attname in ("first_name", "nickname", "code", "last_name", "sex", "origin_id"):
        if not getattr(kept, attname) and getattr(merged, attname):
            take(attname, getattr(merged, attname))
    if merged.birth_year and not kept.birth_year:
        take("birth_year", merged.birth_year)
    if merged.birth_date and not kept.birth_date and kept.birth_year == merged.birth_date.year:
        take("birth_date", merged.birth_date)
    if merged.commune_id and not kept.commune_id:
        take("commune_id", merged.commune_id)
    if merged.quartier_id and not kept.quartier_id and merged.commune_id == kept.commune_id:
        take("quartier_id", merged.quartier_id)
    # The youth was first met on the earlier of the two dates.
    if merged.first_contact_date and (
        not kept.first_contact_date or merged.first_contact_date < kept.first_contact_date
    ):
        take("first_contact_date", merged.first_contact_date)
    released = {}
    if merged.external_id and not kept.external_id:
        # An external id is unique in the team: the archived record hands it over.
        take("external_id", merged.external_id)
        released["external_id"] = {"before": merged.external_id, "after": ""}
        merged.external_id = ""
    return {"kept": changes, "merged": released}


@transaction.atomic
def youth_merge_undo(*, merge: YouthMerge, user: User) -> None:
    """Undo ``merge``: what moved goes back, filled fields are emptied again, the record is restored.

    Records added to the kept youth since the merge stay with it; a field changed
    by hand since the merge keeps its new value.
    """
    merge = YouthMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError(_("Cette fusion a déjà été annulée."))
    kept, merged = (Youth.objects.select_for_update().get(pk=pk) for pk in (merge.kept_id, merge.merged_id))
    if kept.merged_into_id:
        raise ValidationError(
            _("La fiche conservée a depuis été fusionnée dans une autre : annulez d'abord cette fusion-là.")
        )
    moved = merge.moved
    interventions = Intervention.objects.filter(pk__in=moved["interventions"], youth=kept)
    interventions.update(youth=merged, **version_raised())
    AccompanimentPeriod.objects.filter(pk__in=moved["accompaniment_periods"], youth=kept).update(youth=merged)
    SituationChange.objects.filter(pk__in=moved["situation_changes"], youth=kept).update(youth=merged)
    for key, through, target, model in (
        ("actions", ActionParticipation, "collectiveaction_id", CollectiveAction),
        ("presence_sessions", PresenceNaming, "presencesession_id", PresenceSession),
    ):
        model.objects.filter(pk__in=moved[key] + moved[f"{key}_shared"]).update(**version_raised())
        through.objects.filter(youth=kept, **{f"{target}__in": moved[key]}).update(youth=merged)
        still_there = model.objects.filter(pk__in=moved[f"{key}_shared"]).values_list("pk", flat=True)
        through.objects.bulk_create(
            [through(youth=merged, **{target: pk}) for pk in still_there], ignore_conflicts=True
        )
    _restore(kept, merge.filled_fields.get("kept", {}))
    _restore(merged, merge.filled_fields.get("merged", {}))
    merged.merged_into = None
    for youth in (kept, merged):  # kept first: it may hand the external id back
        youth.full_clean()
        youth.version += 1
        youth.save()
    refresh_youth_facts(youth_ids=[kept.pk, merged.pk])
    # An action both took part in loses (or, undone, regains) one known participant.
    refresh_participation_facts(years=participation_years(youth_ids=[kept.pk, merged.pk]))
    merge.undone_at = timezone.now()
    merge.undone_by = user
    merge.save()
    audit_log.info("merge %s of youth %s undone by user %s", merge.pk, merged.pk, user.pk)


def _restore(youth: Youth, changes: dict[str, dict[str, Any]]) -> None:
    for attname, change in changes.items():
        if _json(getattr(youth, attname)) == change["after"]:
            setattr(youth, attname, _from_json(youth, attname, change["before"]))


def team_follow_up_set(*, team: Team, weeks_without_contact: int) -> TeamFollowUp:
    """Set after how many weeks without contact the team's référent youths are listed « à revoir »."""
    follow_up = TeamFollowUp.objects.filter(team=team).first() or TeamFollowUp(team=team)
    follow_up.weeks_without_contact = weeks_without_contact
    follow_up.full_clean()
    follow_up.save()
    return follow_up
