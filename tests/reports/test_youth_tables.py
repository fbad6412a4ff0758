"""R2 to R7 read once: the groups and the data-quality list of ``read_youths`` are those of
``youths_in_report`` youth by youth, whichever plan the database runs (on PostgreSQL an
organisation's modalities and situations are read by grouped passes joined to the youths)."""

import datetime
from collections import Counter

import pytest

from carnet.referentials.models import Modality, Situation
from carnet.reports.rules import keys, read_youths, youths_in_report
from carnet.reports.rules.youth_tables import KEY_FIELDS
from carnet.reports.scope import ReportScope
from carnet.youths.services import youth_merge
from tests.factories import (
    AccompanimentPeriodFactory,
    OrganisationFactory,
    SituationChangeFactory,
    TeamFactory,
    UserFactory,
    YouthFactory,
    referential,
)

pytestmark = pytest.mark.django_db

D = datetime.date
START, END = D(2023, 1, 1), D(2024, 12, 31)


def youth_by_youth(scope):
    """The keys of every youth of R1, one query row per youth: the reference."""
    return list(youths_in_report(scope=scope).values_list("pk", *KEY_FIELDS, "age"))


def grouped(rows):
    groups = Counter(row[1:6] for row in rows)
    ages = Counter()
    for row in rows:
        if row[6] is not None:
            ages[row[1:6]] += row[6]
    return groups, ages


@pytest.fixture
def organisation_with_history():
    organisation = OrganisationFactory()
    teams = [TeamFactory(organisation=organisation) for _ in range(2)]
    other_organisation_youth = YouthFactory(first_contact_date=D(2023, 3, 1))

    def period(youth, code, start, end=None):
        modality = referential(Modality, organisation, code)
        AccompanimentPeriodFactory(youth=youth, modality=modality, start=start, end=end)

    def change(youth, code, since):
        SituationChangeFactory(youth=youth, situation=referential(Situation, organisation, code), since=since)

    youths = []
    for number, team in enumerate(teams):

        def youth(team=team, **fields):
            return YouthFactory(team=team, commune=None, **fields)

        # Several periods: the highest rank overlapping the period wins, an open one counts,
        # one that ends before the period does not.
        climbing = youth(first_contact_date=D(2022, 5, 1), sex="F")
        period(climbing, "accroche", D(2022, 1, 1), D(2023, 2, 1))
        period(climbing, "paei", D(2023, 3, 1))
        change(climbing, "scolarise", D(2021, 9, 1))
        change(climbing, "rupture", D(2024, 2, 1))
        # A change after the period's end is ignored; a period before it gives no modality.
        late = youth(first_contact_date=D(2023, 7, 1), birth_year=None, sex="")
        period(late, "asep", D(2021, 1, 1), D(2022, 6, 1))
        change(late, "formation", D(2025, 1, 1))
        # Met through a period only, with no first contact in the period.
        through_period = youth(first_contact_date=D(2020, 1, 1), birth_year=2001 + number)
        period(through_period, "asep", D(2024, 12, 31))
        # Outside the period altogether.
        youth(first_contact_date=D(2022, 1, 1))
        youths += [climbing, late, through_period]
    # A merged duplicate counts once, as the youth kept, with the periods it brings.
    duplicate = YouthFactory(team=teams[0], commune=None, first_contact_date=D(2023, 8, 1))
    period(duplicate, "paei", D(2023, 8, 1))
    youth_merge(kept=youths[1], merged=duplicate, user=UserFactory())
    AccompanimentPeriodFactory(youth=other_organisation_youth, start=D(2023, 1, 1))
    return organisation


def test_the_groups_of_an_organisation_are_its_youths_keys_counted_one_by_one(organisation_with_history):
    scope = ReportScope(organisation=organisation_with_history, start=START, end=END)
    rows = youth_by_youth(scope)
    reading = read_youths(scope=scope)
    groups = {tuple(group[:5]): group.youths for group in reading.groups}
    age_totals = {tuple(group[:5]): group.age_total for group in reading.groups}
    expected_groups, expected_ages = grouped(rows)
    assert groups == dict(expected_groups)
    assert {key: total for key, total in age_totals.items() if total} == dict(expected_ages)
    assert len(rows) == 6


def test_the_data_quality_list_names_every_youth_with_a_key_not_recorded(organisation_with_history):
    scope = ReportScope(organisation=organisation_with_history, start=START, end=END)
    lacking = {row[0] for row in youth_by_youth(scope) if keys.NOT_RECORDED in row[1:6]}
    assert {gap.pk for gap in read_youths(scope=scope).gaps} == lacking
    assert lacking, "the data set has youths lacking a key"


def test_an_organisation_and_its_teams_read_the_same_youths_with_the_same_keys(organisation_with_history):
    organisation_scope = ReportScope(organisation=organisation_with_history, start=START, end=END)
    by_team = Counter()
    for team in organisation_with_history.teams.all():
        for group in read_youths(scope=ReportScope(team=team, start=START, end=END)).groups:
            by_team[tuple(group[:5])] += group.youths
    organisation = Counter(
        {tuple(group[:5]): group.youths for group in read_youths(scope=organisation_scope).groups}
    )
    assert organisation == by_team
