"""A varied, deterministic set of records for tests that need "some activity" of any size."""

import datetime

from carnet.activity.models import ActionRole
from carnet.referentials import defaults
from carnet.referentials.models import ActionType, MeetingKind, Modality, Origin, PresenceKind, Situation
from tests import factories

from .conftest import START, ref

D = datetime.date
SEXES = ["H", "F", "NB", "", "H", "F"]


def record_activity(*, team, commune, youths: int, start: datetime.date = START) -> None:
    """``youths`` youths with periods, situations, interventions, actions, sessions and meetings,
    some of them with missing data, all around the period starting on ``start``."""
    other_commune = factories.CommuneFactory(team=team)
    partner = factories.PartnerFactory(organisation=team.organisation)
    made = []
    for i in range(youths):
        day = start + datetime.timedelta(days=7 * i % 200)
        young = factories.YouthFactory(
            commune=commune if i % 3 else other_commune,
            sex=SEXES[i % len(SEXES)],
            birth_year=None if i % 7 == 6 else 2000 + i % 18,
            birth_date=D(2000 + i % 18, 1 + i % 12, 1 + i % 28) if i % 2 and i % 7 != 6 else None,
            origin=None if i % 5 == 4 else ref(Origin, team, defaults.ORIGINS[i % 4][0]),
            first_contact_date=day if i % 4 else None,
        )
        made.append(young)
        if i % 4 != 3:
            code = defaults.MODALITIES[i % 3][0]
            factories.AccompanimentPeriodFactory(youth=young, modality=ref(Modality, team, code), start=day)
        if i % 6 != 5:
            code = defaults.SITUATIONS[i % 4][0]
            factories.SituationChangeFactory(youth=young, situation=ref(Situation, team, code), since=day)
        domains = [defaults.DOMAINS[i % 11][0], defaults.DOMAINS[(i * 5) % 11][0]]
        factories.InterventionFactory(youth=young, date=day, domains=domains).partners.add(partner)
        factories.InterventionFactory(youth=young, date=day + datetime.timedelta(days=3), domains=domains[:1])
    for i in range(max(1, youths // 2)):
        day = start + datetime.timedelta(days=11 * i % 200)
        type_code = defaults.ACTION_TYPES[i % 4][0]
        action = factories.CollectiveActionFactory(
            team=team,
            commune=commune if i % 2 else None,
            action_type=ref(ActionType, team, type_code),
            start_date=day,
            end_date=day + datetime.timedelta(days=i % 3),
            role=ActionRole.ASSOCIATED if i % 3 else ActionRole.INITIATED,
            commune_event=bool(i % 3 and i % 2),
            after_needs_study=bool(i % 2),
            anonymous_female=i % 4,
        )
        action.participants.add(*made[i : i + 3])
        action.partners.add(partner)
        session = factories.PresenceSessionFactory(
            team=team,
            commune=commune,
            date=day,
            kind=ref(PresenceKind, team, defaults.PRESENCE_KINDS[i % 3][0]),
            duration_minutes=30 + 15 * (i % 20),
            youths_met=i,
        )
        session.known_youths.add(*made[i : i + 2])
        factories.PartnershipMeetingFactory(
            team=team,
            commune=commune if i % 2 else None,
            date=day,
            kind=ref(MeetingKind, team, defaults.MEETING_KINDS[i % 6][0]),
        ).partners.add(partner)
