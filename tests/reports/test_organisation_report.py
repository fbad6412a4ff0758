"""The report of a whole organisation: the union of its teams' reports."""

import datetime

import pytest

from carnet.reports.build import build_report
from carnet.reports.report import CellKey
from carnet.reports.rules import keys
from carnet.reports.scope import ReportScope
from carnet.youths.models import Sex
from tests.factories import (
    AccompanimentPeriodFactory,
    CollectiveActionFactory,
    CommuneFactory,
    InterventionFactory,
    OrganisationFactory,
    PartnershipMeetingFactory,
    PresenceSessionFactory,
    SituationChangeFactory,
    TeamFactory,
    YouthFactory,
)
from tests.reports.test_query_count import QUERIES_PER_REPORT

pytestmark = pytest.mark.django_db

START, END = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)

# Columns that count records or youths; percentages, averages and hours are
# rounded per report, so they are ratios of the sums, not sums.
ADDITIVE_COLUMNS = {
    keys.YOUTHS,
    *Sex.values,
    keys.NOT_RECORDED,
    keys.INTERVENTIONS,
    keys.ACTIONS,
    keys.DAYS,
    keys.SESSIONS,
    keys.MET,
    keys.MEETING_COUNT,
    keys.COUNT,
}


def _team_with_records(organisation, *, youths: int, sex: str, domains: list[str]):
    team = TeamFactory(organisation=organisation)
    commune = CommuneFactory(team=team)
    met = []
    for n in range(youths):
        youth = YouthFactory(commune=commune, sex=sex, birth_year=2005 + n)
        AccompanimentPeriodFactory(youth=youth, start=datetime.date(2023, 3, 1))
        SituationChangeFactory(youth=youth)
        InterventionFactory(youth=youth, date=datetime.date(2023, 4, 2), domains=domains)
        met.append(youth)
    action = CollectiveActionFactory(team=team, commune=commune, end_date=datetime.date(2023, 7, 11))
    action.participants.set(met[:2])
    session = PresenceSessionFactory(team=team, commune=commune, youths_met=4)
    session.known_youths.set(met[-1:])
    PartnershipMeetingFactory(team=team, commune=commune)
    return team


def _counts(report) -> dict:
    return {
        cell.key: cell.value for cell in report.cells() if cell.key.column in ADDITIVE_COLUMNS and cell.value
    }


def test_organisation_report_adds_up_the_reports_of_its_teams():
    organisation = OrganisationFactory()
    first = _team_with_records(organisation, youths=3, sex="F", domains=["scolarite", "famille"])
    second = _team_with_records(organisation, youths=2, sex="H", domains=["scolarite"])
    # A youth of the first team met only by the second team counts in neither team's report,
    # so not in the organisation's either.
    stray = YouthFactory(commune=first.communes.get(), first_contact_date=datetime.date(2019, 1, 1))
    InterventionFactory(youth=stray, team=second, date=datetime.date(2023, 5, 1))
    _team_with_records(OrganisationFactory(), youths=4, sex="F", domains=["justice"])

    reports = [build_report(scope=ReportScope(team=team, start=START, end=END)) for team in (first, second)]
    whole = build_report(scope=ReportScope(organisation=organisation, start=START, end=END))

    summed: dict = {}
    for report in reports:
        for key, value in _counts(report).items():
            summed[key] = summed.get(key, 0) + value
    assert _counts(whole) == summed
    assert whole.youths == 5 and whole.youths_in_contact == 5
    assert summed[CellKey(keys.DOMAINS, "scolarite", keys.INTERVENTIONS)] == 5


def test_organisation_report_merges_lines_of_the_action_list_with_the_same_title():
    organisation = OrganisationFactory()
    teams = [TeamFactory(organisation=organisation) for _ in range(2)]
    for team in teams:
        CollectiveActionFactory(team=team, title="Atelier cuisine", start_date=datetime.date(2023, 3, 1))

    report = build_report(scope=ReportScope(organisation=organisation, start=START, end=END))

    assert [(item.title, item.actions) for item in report.actions] == [("Atelier cuisine", 2)]


def test_organisation_report_takes_a_team_reports_queries_and_one_to_weigh_its_period(
    django_assert_num_queries,
):
    organisation = OrganisationFactory()
    team = _team_with_records(organisation, youths=2, sex="F", domains=["famille"])
    _team_with_records(organisation, youths=3, sex="H", domains=["famille"])
    with django_assert_num_queries(QUERIES_PER_REPORT):
        build_report(scope=ReportScope(team=team, start=START, end=END))
    # The one more: how many interventions the period holds, which decides how the partners
    # are found (rules.activity.partners_mobilised).
    with django_assert_num_queries(QUERIES_PER_REPORT + 1):
        build_report(scope=ReportScope(organisation=organisation, start=START, end=END))
