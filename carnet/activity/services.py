"""Every change of recorded activity goes through these functions.

Each one checks what the database cannot (every youth, place, partner and
referential named belongs to the record's team or organisation), then
``full_clean`` checks the model's own constraints before saving. ``*_update``
functions take the fields to change, with the same names as ``*_create``, and the
version of the record their form was opened at: a save over another session's change
is refused with ``EditConflict`` (carnet.editing), nothing of it written.

The quick entries' ``*_create`` functions take the author and, for an entry made on the
phone, its identifier (``client_uuid``): sent twice, the entry is created once, and the
second sending returns the first record unchanged.
"""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from carnet.access.models import User
from carnet.facts.kinds import SESSIONS
from carnet.facts.services import refresh_action_facts, refresh_team_year_facts
from carnet.facts.youth_facts import refresh_youth_facts
from carnet.offline.services import create_once
from carnet.organisations.models import Commune, Partner, Quartier, Team
from carnet.referentials.models import ActionType, Domain, MeetingKind, PresenceKind
from carnet.youths.models import Youth

from .models import (
    ActionRole,
    CollectiveAction,
    DiagnosticNeed,
    Intervention,
    InterventionKind,
    PartnershipMeeting,
    PresenceSession,
)
from .record_checks import Errors, apply, check_organisation, check_place, check_youths, save

# --- Street presence -----------------------------------------------------------------------


@transaction.atomic
def presence_session_create(
    *,
    team: Team,
    date: datetime.date,
    duration_minutes: int,
    kind: PresenceKind,
    commune: Commune | None = None,
    quartier: Quartier | None = None,
    place: str = "",
    youths_met: int = 0,
    known_youths: Iterable[Youth] = (),
    educators: Iterable[User] = (),
    created_by: User | None = None,
    client_uuid: uuid.UUID | None = None,
) -> PresenceSession:
    """Record a street-presence session.

    The number of youths met counts the known youths named too: it is raised to
    their number when it is lower, as the educator met at least them.
    """
    return create_once(
        PresenceSession,
        created_by=created_by,
        client_uuid=client_uuid,
        create=lambda: _presence_session_save(
            PresenceSession(created_by=created_by, client_uuid=client_uuid),
            team=team,
            date=date,
            duration_minutes=duration_minutes,
            kind=kind,
            commune=commune,
            quartier=quartier,
            place=place,
            youths_met=youths_met,
            known_youths=known_youths,
            educators=educators,
        ),
    )


@transaction.atomic
def presence_session_update(*, session: PresenceSession, version: int, **changes: Any) -> PresenceSession:
    return _presence_session_save(session, version=version, **changes)


def _presence_session_save(
    session: PresenceSession,
    *,
    version: int | None = None,
    known_youths: Iterable[Youth] | None = None,
    educators: Iterable[User] | None = None,
    **fields: Any,
) -> PresenceSession:
    year_before = session.date.year if session.pk else None
    apply(session, fields)
    if session.quartier is not None and session.commune is None:
        session.commune = session.quartier.commune
    known = list(known_youths) if known_youths is not None else list(session.known_youths.all())
    errors = Errors()
    check_place(errors, team=session.team, commune=session.commune, quartier=session.quartier)
    check_youths(errors, "known_youths", team=session.team, youths=known)
    check_organisation(errors, "kind", team=session.team, items=[session.kind])
    session.youths_met = max(session.youths_met or 0, len(known))
    save(session, errors, {"known_youths": known, "educators": educators}, version=version)
    refresh_team_year_facts(kind=SESSIONS, team_id=session.team_id, years=[year_before, session.date.year])
    return session


@transaction.atomic
def presence_session_delete(*, session: PresenceSession) -> None:
    session.delete()
    refresh_team_year_facts(kind=SESSIONS, team_id=session.team_id, years=[session.date.year])


# --- Interventions ------------------------------------------------------------------------


@transaction.atomic
def intervention_create(
    *,
    youth: Youth,
    date: datetime.date,
    domains: Iterable[Domain],
    kind: str = InterventionKind.INTERVIEW,
    partners: Iterable[Partner] = (),
    note: str = "",
    educators: Iterable[User] = (),
    created_by: User | None = None,
    client_uuid: uuid.UUID | None = None,
) -> Intervention:
    """Record a piece of work with a youth; it belongs to the youth's team."""
    return create_once(
        Intervention,
        created_by=created_by,
        client_uuid=client_uuid,
        create=lambda: _intervention_save(
            Intervention(created_by=created_by, client_uuid=client_uuid),
            youth=youth,
            date=date,
            kind=kind,
            domains=domains,
            partners=partners,
            note=note,
            educators=educators,
        ),
    )


@transaction.atomic
def intervention_update(*, intervention: Intervention, version: int, **changes: Any) -> Intervention:
    return _intervention_save(intervention, version=version, **changes)


def _intervention_save(
    intervention: Intervention,
    *,
    version: int | None = None,
    domains: Iterable[Domain] | None = None,
    partners: Iterable[Partner] | None = None,
    educators: Iterable[User] | None = None,
    **fields: Any,
) -> Intervention:
    before = intervention.youth_id
    apply(intervention, fields)
    intervention.team = intervention.youth.team
    errors = Errors()
    chosen = list(domains) if domains is not None else list(intervention.domains.all())
    if not chosen:
        errors.add("domains", _("Choisissez au moins un domaine."))
    check_organisation(errors, "domains", team=intervention.team, items=chosen)
    if partners is not None:
        partners = list(partners)
        check_organisation(errors, "partners", team=intervention.team, items=partners)
    relations = {"domains": chosen, "partners": partners, "educators": educators}
    save(intervention, errors, relations, version=version)
    refresh_youth_facts(youth_ids=[before, intervention.youth_id])
    return intervention


@transaction.atomic
def intervention_delete(*, intervention: Intervention) -> None:
    intervention.delete()
    refresh_youth_facts(youth_ids=[intervention.youth_id])


# --- Collective actions ---------------------------------------------------------------------


@transaction.atomic
def collective_action_create(
    *,
    team: Team,
    action_type: ActionType,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    commune: Commune | None = None,
    quartier: Quartier | None = None,
    role: str = ActionRole.INITIATED,
    commune_event: bool = False,
    after_needs_study: bool = False,
    participants: Iterable[Youth] = (),
    anonymous_male: int = 0,
    anonymous_female: int = 0,
    anonymous_non_binary: int = 0,
    partners: Iterable[Partner] = (),
    educators: Iterable[User] = (),
    description: str = "",
    needs: Iterable[DiagnosticNeed] = (),
    created_by: User | None = None,
    client_uuid: uuid.UUID | None = None,
) -> CollectiveAction:
    """Record a collective action; without an end date it lasts one day.

    An event the commune initiated is one the team joins: its role becomes
    "associated" whatever was chosen.
    """
    return create_once(
        CollectiveAction,
        created_by=created_by,
        client_uuid=client_uuid,
        create=lambda: _collective_action_save(
            CollectiveAction(created_by=created_by, client_uuid=client_uuid),
            team=team,
            action_type=action_type,
            title=title,
            start_date=start_date,
            end_date=end_date,
            commune=commune,
            quartier=quartier,
            role=role,
            commune_event=commune_event,
            after_needs_study=after_needs_study,
            participants=participants,
            anonymous_male=anonymous_male,
            anonymous_female=anonymous_female,
            anonymous_non_binary=anonymous_non_binary,
            partners=partners,
            educators=educators,
            description=description,
            needs=needs,
        ),
    )


@transaction.atomic
def collective_action_update(*, action: CollectiveAction, version: int, **changes: Any) -> CollectiveAction:
    return _collective_action_save(action, version=version, **changes)


def _collective_action_save(
    action: CollectiveAction,
    *,
    version: int | None = None,
    participants: Iterable[Youth] | None = None,
    partners: Iterable[Partner] | None = None,
    educators: Iterable[User] | None = None,
    needs: Iterable[DiagnosticNeed] | None = None,
    **fields: Any,
) -> CollectiveAction:
    year_before = action.start_date.year if action.pk else None
    apply(action, fields)
    if action.end_date is None:
        action.end_date = action.start_date
    if action.quartier is not None and action.commune is None:
        action.commune = action.quartier.commune
    if action.commune_event:
        action.role = ActionRole.ASSOCIATED
    errors = Errors()
    if action.start_date and action.end_date < action.start_date:
        errors.add("end_date", _("La date de fin précède la date de début."))
    check_place(errors, team=action.team, commune=action.commune, quartier=action.quartier)
    check_organisation(errors, "action_type", team=action.team, items=[action.action_type])
    if participants is not None:
        participants = list(participants)
        check_youths(errors, "participants", team=action.team, youths=participants)
    if partners is not None:
        partners = list(partners)
        check_organisation(errors, "partners", team=action.team, items=partners)
    if needs is not None:
        needs = list(needs)
        if any(need.diagnostic.team_id != action.team_id for need in needs):
            errors.add("needs", _("Ce besoin vient du diagnostic d'une autre équipe."))
    relations = {"participants": participants, "partners": partners, "educators": educators, "needs": needs}
    save(action, errors, relations, version=version)
    refresh_action_facts(team_id=action.team_id, years=[year_before, action.start_date.year])
    return action


@transaction.atomic
def collective_action_delete(*, action: CollectiveAction) -> None:
    action.delete()
    refresh_action_facts(team_id=action.team_id, years=[action.start_date.year])


# --- Partnership meetings ---------------------------------------------------------------------


@transaction.atomic
def partnership_meeting_create(
    *,
    team: Team,
    date: datetime.date,
    kind: MeetingKind,
    duration_minutes: int,
    subject: str = "",
    commune: Commune | None = None,
    partners: Iterable[Partner] = (),
    educators: Iterable[User] = (),
) -> PartnershipMeeting:
    return _partnership_meeting_save(
        PartnershipMeeting(),
        team=team,
        date=date,
        kind=kind,
        duration_minutes=duration_minutes,
        subject=subject,
        commune=commune,
        partners=partners,
        educators=educators,
    )


@transaction.atomic
def partnership_meeting_update(
    *, meeting: PartnershipMeeting, version: int, **changes: Any
) -> PartnershipMeeting:
    return _partnership_meeting_save(meeting, version=version, **changes)


def _partnership_meeting_save(
    meeting: PartnershipMeeting,
    *,
    version: int | None = None,
    partners: Iterable[Partner] | None = None,
    educators: Iterable[User] | None = None,
    **fields: Any,
) -> PartnershipMeeting:
    apply(meeting, fields)
    errors = Errors()
    check_place(errors, team=meeting.team, commune=meeting.commune, quartier=None)
    check_organisation(errors, "kind", team=meeting.team, items=[meeting.kind])
    if partners is not None:
        partners = list(partners)
        check_organisation(errors, "partners", team=meeting.team, items=partners)
    save(meeting, errors, {"partners": partners, "educators": educators}, version=version)
    return meeting


@transaction.atomic
def partnership_meeting_delete(*, meeting: PartnershipMeeting) -> None:
    meeting.delete()
