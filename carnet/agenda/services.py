"""Changes to the team's agenda, and a planned presence turned into a recorded session."""

import datetime
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from carnet.access.models import User
from carnet.activity import services as activity_services
from carnet.activity.models import PresenceSession
from carnet.activity.queries import educators_of
from carnet.editing.versions import claim_version
from carnet.organisations.models import Commune, Quartier, Team
from carnet.referentials.models import PresenceKind

from .models import CalendarFeed, EventKind, PlannedEvent

MAX_REPEAT_WEEKS = 52


@transaction.atomic
def planned_event_save(
    *,
    event: PlannedEvent | None = None,
    version: int | None = None,
    team: Team,
    kind: str,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    title: str = "",
    place: str = "",
    commune: Commune | None = None,
    quartier: Quartier | None = None,
    presence_kind: PresenceKind | None = None,
    people: Iterable[User] = (),
    agenda: str = "",
    decisions: str = "",
) -> PlannedEvent:
    """Plan (``event`` None) or change an event of ``team``'s agenda; a change names the
    ``version`` its form was opened at (refused with EditConflict over a newer one)."""
    errors: dict[str, list[str]] = {}
    if quartier is not None and commune is None:
        commune = quartier.commune
    if commune is not None and commune.team_id != team.pk:
        errors["commune"] = [_("Cette commune n'est pas couverte par l'équipe.")]
    if quartier is not None and quartier.commune_id != commune.pk:
        errors["quartier"] = [_("Ce quartier n'appartient pas à la commune choisie.")]
    if presence_kind is not None and presence_kind.organisation_id != team.organisation_id:
        errors["presence_kind"] = [_("Ce type de présence n'appartient pas à l'organisation de l'équipe.")]
    if kind == EventKind.PRESENCE and presence_kind is None:
        errors["presence_kind"] = [_("Indiquez le type de présence prévu.")]
    people = list(people)
    staff = set(educators_of(teams=Team.objects.filter(pk=team.pk)).values_list("pk", flat=True))
    if any(person.pk not in staff for person in people):
        errors["people"] = [_("Une des personnes choisies ne travaille pas dans l'équipe.")]
    if errors:
        raise ValidationError(errors)
    event = event or PlannedEvent(team=team)
    if event.recorded_session_id and kind != EventKind.PRESENCE:
        raise ValidationError({"kind": _("Cette présence est déjà enregistrée : son type ne change plus.")})
    for name, value in {
        "kind": kind,
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "title": title.strip(),
        "place": place.strip(),
        "commune": commune,
        "quartier": quartier,
        "presence_kind": presence_kind if kind == EventKind.PRESENCE else None,
        "agenda": agenda.strip() if kind == EventKind.TEAM_MEETING else "",
        "decisions": decisions.strip() if kind == EventKind.TEAM_MEETING else "",
    }.items():
        setattr(event, name, value)
    event.full_clean()
    if event.pk is not None:
        claim_version(event, version=version)
    event.save()
    event.people.set(people)
    return event


@transaction.atomic
def planned_event_repeat(*, event: PlannedEvent, weeks: int) -> list[PlannedEvent]:
    """The same event on each of the ``weeks`` following weeks (a weekly team meeting, a
    regular street presence); the copies are independent: each can change or go alone."""
    if not 1 <= weeks <= MAX_REPEAT_WEEKS:
        raise ValidationError(
            {"repeat_weeks": _("Répétez sur 1 à %(max)s semaines.") % {"max": MAX_REPEAT_WEEKS}}
        )
    people = list(event.people.all())
    copies = []
    for week in range(1, weeks + 1):
        copy = PlannedEvent(
            team=event.team,
            kind=event.kind,
            title=event.title,
            date=event.date + datetime.timedelta(weeks=week),
            start_time=event.start_time,
            end_time=event.end_time,
            place=event.place,
            commune=event.commune,
            quartier=event.quartier,
            presence_kind=event.presence_kind,
            agenda=event.agenda,
        )
        copy.full_clean()
        copy.save()
        copy.people.set(people)
        copies.append(copy)
    return copies


def planned_event_delete(*, event: PlannedEvent) -> None:
    event.delete()


@transaction.atomic
def planned_presence_record(*, event: PlannedEvent) -> PresenceSession:
    """The street presence ``event`` planned, recorded as done: a session with its date, place,
    kind, duration and educators. The educators then add the youths met on the session."""
    event = PlannedEvent.objects.select_for_update().get(pk=event.pk)
    if event.kind != EventKind.PRESENCE:
        raise ValidationError(_("Seule une présence sociale prévue s'enregistre ainsi."))
    if event.recorded_session_id:
        raise ValidationError(_("Cette présence est déjà enregistrée."))
    if event.date > timezone.localdate():
        raise ValidationError(_("Cette présence est prévue plus tard : enregistrez-la une fois faite."))
    session = activity_services.presence_session_create(
        team=event.team,
        date=event.date,
        duration_minutes=event.duration_minutes,
        kind=event.presence_kind,
        commune=event.commune,
        quartier=event.quartier,
        place=event.place,
        educators=list(event.people.all()),
    )
    event.recorded_session = session
    event.save(update_fields=["recorded_session", "updated_at"])
    return session


def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new private address for ``user``'s calendar; the previous one stops answering."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()
