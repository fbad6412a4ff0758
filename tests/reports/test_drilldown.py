"""Drill-down: every figure of the report gives the records it counts."""

import datetime

import pytest

from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, PresenceSession
from carnet.reports.build import build_report
from carnet.reports.rules import keys, members
from carnet.youths.models import Youth
from tests.factories import InterventionFactory, PresenceSessionFactory

from .activity import record_activity

pytestmark = pytest.mark.django_db

D = datetime.date

# Columns whose figure is a number of records; the others (%, average age, days,
# hours, head counts) describe the records of their row.
COUNTING_COLUMNS = {
    keys.YOUTHS,
    "H",
    "F",
    "NB",
    keys.NOT_RECORDED,
    keys.INTERVENTIONS,
    keys.ACTIONS,
    keys.SESSIONS,
    keys.MEETING_COUNT,
    keys.COUNT,
}


def test_youths_of_an_age_and_sex_cell_are_those_it_counts(scope, youth):
    girl = youth(sex="F", birth_year=2010)
    youth(sex="H", birth_year=2010)
    youth(sex="F", birth_year=2005)
    found = members(scope=scope, table=keys.AGE, row="12-15", column="F")
    assert list(found) == [girl]
    assert found[0].age == 13


def test_every_counting_cell_has_as_many_members_as_its_figure(scope, team, commune):
    record_activity(team=team, commune=commune, youths=24)
    report = build_report(scope=scope)
    checked = 0
    for cell in report.cells():
        if cell.key.column in COUNTING_COLUMNS:
            assert members(scope=scope, **cell.key.as_kwargs()).count() == cell.value, cell.key
            checked += 1
    assert checked > 150


def test_every_counting_cell_of_a_commune_report_has_as_many_members_as_its_figure(
    commune_scope, team, commune
):
    record_activity(team=team, commune=commune, youths=12)
    for cell in build_report(scope=commune_scope).cells():
        if cell.key.column in COUNTING_COLUMNS:
            assert members(scope=commune_scope, **cell.key.as_kwargs()).count() == cell.value, cell.key


def test_members_are_youths_interventions_actions_sessions_or_meetings(scope, team, commune):
    record_activity(team=team, commune=commune, youths=4)
    expected = {
        (keys.MODALITY, "asep", keys.YOUTHS): Youth,
        (keys.DOMAINS, "scolarite", keys.INTERVENTIONS): Intervention,
        (keys.DOMAINS, "scolarite", keys.YOUTHS): Youth,
        (keys.ACTION_CATEGORIES, "trip", keys.DAYS): CollectiveAction,
        (keys.DSL, keys.TOTAL, keys.ACTIONS): CollectiveAction,
        (keys.GENERAL_ACTION, keys.COMMUNE_EVENTS, keys.COUNT): CollectiveAction,
        (keys.GENERAL_ACTION, keys.YOUTHS_IN_CONTACT, keys.COUNT): Youth,
        (keys.PRESENCE, "rue", keys.HOURS): PresenceSession,
        (keys.MEETINGS, keys.TOTAL, keys.HOURS): PartnershipMeeting,
    }
    for (table, row, column), model in expected.items():
        assert members(scope=scope, table=table, row=row, column=column).model is model


def test_percentage_and_average_cells_give_the_youths_of_their_row(scope, youth):
    known = youth(sex="H", birth_year=2010)
    unknown_age = youth(sex="H", birth_year=None)
    assert set(members(scope=scope, table=keys.SEX, row="H", column=keys.PERCENT)) == {known, unknown_age}
    assert list(members(scope=scope, table=keys.SEX, row="H", column=keys.AVERAGE_AGE)) == [known]


def test_total_row_gives_every_youth_of_the_column(scope, youth):
    girls = {youth(sex="F"), youth(sex="F", birth_year=None)}
    youth(sex="H")
    assert set(members(scope=scope, table=keys.AGE, row=keys.TOTAL, column="F")) == girls


def test_not_recorded_row_gives_the_youths_missing_that_value(scope, youth):
    missing = youth(origin=None)
    assert list(members(scope=scope, table=keys.ORIGIN, row=keys.NOT_RECORDED, column=keys.YOUTHS)) == [
        missing
    ]


def test_domain_youths_are_the_distinct_youths_of_its_interventions(scope, youth):
    first = youth()
    InterventionFactory(youth=first, domains=["famille"])
    InterventionFactory(youth=first, domains=["famille"])
    found = members(scope=scope, table=keys.DOMAINS, row="famille", column=keys.YOUTHS)
    assert list(found) == [first]


def test_presence_hours_give_the_sessions_of_the_row(scope, team):
    street = PresenceSessionFactory(team=team)
    assert list(members(scope=scope, table=keys.PRESENCE, row="rue", column=keys.HOURS)) == [street]


@pytest.mark.parametrize(
    ("table", "row", "column"),
    [
        ("nowhere", "x", "youths"),
        (keys.AGE, "12-15", "teapots"),
        (keys.DOMAINS, "famille", "F"),
        (keys.GENERAL_ACTION, "unknown", keys.COUNT),
    ],
)
def test_unknown_cell_is_refused(scope, table, row, column):
    with pytest.raises(ValueError):
        members(scope=scope, table=table, row=row, column=column)
