"""R1 — The youths of the report: youths of the scope with a contact in the period."""

import datetime

import pytest

from carnet.access.models import Role
from carnet.reports.build import build_report
from carnet.reports.rules import keys, youths_in_report
from carnet.youths.services import youth_merge
from tests.factories import (
    AccompanimentPeriodFactory,
    CollectiveActionFactory,
    CommuneFactory,
    InterventionFactory,
    MembershipFactory,
    PresenceSessionFactory,
    TeamFactory,
    YouthFactory,
)

from .conftest import END, START

pytestmark = pytest.mark.django_db

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)


def counted(scope):
    return set(youths_in_report(scope=scope))


def test_youth_first_met_in_the_period_is_counted(scope, youth):
    met = youth(first_contact_date=START)
    youth(first_contact_date=START - ONE_DAY)
    youth(first_contact_date=None)
    assert counted(scope) == {met}


def test_youth_first_met_on_the_last_day_is_counted(scope, youth):
    met = youth(first_contact_date=END)
    youth(first_contact_date=END + ONE_DAY)
    assert counted(scope) == {met}


def test_youth_accompanied_during_the_period_is_counted(scope, youth):
    open_period = youth(first_contact_date=None)
    AccompanimentPeriodFactory(youth=open_period, start=D(2020, 1, 1), end=None)
    ending_on_first_day = youth(first_contact_date=None)
    AccompanimentPeriodFactory(youth=ending_on_first_day, start=D(2022, 1, 1), end=START)
    starting_on_last_day = youth(first_contact_date=None)
    AccompanimentPeriodFactory(youth=starting_on_last_day, start=END, end=None)
    ended_before = youth(first_contact_date=None)
    AccompanimentPeriodFactory(youth=ended_before, start=D(2022, 1, 1), end=START - ONE_DAY)
    starts_after = youth(first_contact_date=None)
    AccompanimentPeriodFactory(youth=starts_after, start=END + ONE_DAY)
    assert counted(scope) == {open_period, ending_on_first_day, starting_on_last_day}


def test_youth_with_an_intervention_in_the_period_is_counted(scope, youth):
    helped = youth(first_contact_date=D(2021, 3, 1))
    InterventionFactory(youth=helped, date=END)
    helped_before = youth(first_contact_date=D(2021, 3, 1))
    InterventionFactory(youth=helped_before, date=START - ONE_DAY)
    assert counted(scope) == {helped}


def test_youth_taking_part_in_an_action_starting_in_the_period_is_counted(scope, team, youth):
    participant = youth(first_contact_date=None)
    earlier_participant = youth(first_contact_date=None)
    CollectiveActionFactory(team=team, start_date=START).participants.add(participant)
    trip = CollectiveActionFactory(team=team, start_date=START - ONE_DAY, end_date=START + ONE_DAY)
    trip.participants.add(earlier_participant)
    assert counted(scope) == {participant}


def test_youth_met_by_name_during_a_presence_session_is_counted(scope, team, youth):
    met = youth(first_contact_date=None)
    PresenceSessionFactory(team=team, date=START).known_youths.add(met)
    met_before = youth(first_contact_date=None)
    PresenceSessionFactory(team=team, date=START - ONE_DAY).known_youths.add(met_before)
    assert counted(scope) == {met}


def test_youth_met_in_an_action_of_another_commune_counts_in_the_commune_report(commune_scope, team, youth):
    participant = youth(first_contact_date=None)
    elsewhere = CommuneFactory(team=team)
    CollectiveActionFactory(team=team, commune=elsewhere).participants.add(participant)
    assert counted(commune_scope) == {participant}


def test_youth_with_several_contacts_is_counted_once(scope, team, youth):
    busy = youth(first_contact_date=START)
    AccompanimentPeriodFactory(youth=busy)
    InterventionFactory(youth=busy)
    InterventionFactory(youth=busy)
    CollectiveActionFactory(team=team).participants.add(busy)
    PresenceSessionFactory(team=team).known_youths.add(busy)
    assert list(youths_in_report(scope=scope)) == [busy]
    assert youths_in_report(scope=scope).count() == 1


def test_commune_report_counts_only_the_youths_of_the_commune(commune_scope, scope, team, youth):
    of_commune = youth()
    of_other_commune = YouthFactory(commune=CommuneFactory(team=team))
    without_commune = YouthFactory(commune=None, team=team)
    assert counted(commune_scope) == {of_commune}
    assert counted(scope) == {of_commune, of_other_commune, without_commune}


def test_youths_and_records_of_another_team_are_not_counted(scope, youth):
    other_team = TeamFactory(organisation=scope.team.organisation)
    YouthFactory(commune=CommuneFactory(team=other_team))
    mine = youth(first_contact_date=None)
    CollectiveActionFactory(team=other_team).participants.add(mine)
    PresenceSessionFactory(team=other_team).known_youths.add(mine)
    assert counted(scope) == set()


def test_a_duplicate_merged_into_another_record_is_counted_once(scope, youth, team):
    kept, duplicate = youth(first_name="Inès"), youth(first_name="Inès", nickname="Nénette")
    InterventionFactory(youth=duplicate, domains=["famille"])
    youth_merge(kept=kept, merged=duplicate, user=MembershipFactory(team=team, role=Role.TEAM_LEADER).user)

    assert youths_in_report(scope=scope).count() == 1
    report = build_report(scope=scope)
    assert report.youths == 1
    assert report.table(keys.DOMAINS).value("famille", keys.YOUTHS) == 1
