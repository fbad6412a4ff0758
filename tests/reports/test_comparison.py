"""Comparison with the previous period of the same length."""

import datetime
from decimal import Decimal

import pytest

from carnet.reports.build import build_report
from carnet.reports.rules import keys
from tests.factories import InterventionFactory, PresenceSessionFactory

from .conftest import START

pytestmark = pytest.mark.django_db

D = datetime.date
BEFORE = START - datetime.timedelta(days=30)


def test_without_comparison_cells_have_no_previous_value(scope, youth):
    youth()
    report = build_report(scope=scope)
    assert report.previous_scope is None
    assert {cell.previous for cell in report.cells()} == {None}


def test_each_cell_carries_its_value_over_the_previous_period(scope, team, youth):
    youth(sex="F", birth_year=2010)
    youth(sex="F", birth_year=2010, first_contact_date=BEFORE)
    youth(sex="H", birth_year=2010, first_contact_date=BEFORE)
    InterventionFactory(youth=youth(), domains=["famille"])
    InterventionFactory(youth=youth(first_contact_date=BEFORE), date=BEFORE, domains=["famille", "sante"])
    PresenceSessionFactory(team=team, date=BEFORE, duration_minutes=90)
    report = build_report(scope=scope, compare_with_previous=True)
    assert report.previous_scope == scope.previous()
    age = report.table(keys.AGE)
    assert (age.cell("12-15", "F").value, age.cell("12-15", "F").previous) == (1, 1)
    assert (age.cell("12-15", "H").value, age.cell("12-15", "H").previous) == (1, 2)
    assert age.total.cell(keys.YOUTHS).previous == 3
    domains = report.table(keys.DOMAINS)
    assert domains.cell("famille", keys.INTERVENTIONS).previous == 1
    assert domains.cell("famille", keys.PERCENT).previous == 50
    assert domains.cell("sante", keys.INTERVENTIONS).previous == 1
    presence = report.table(keys.PRESENCE)
    assert presence.total.cell(keys.HOURS).value == Decimal("0.0")
    assert presence.total.cell(keys.HOURS).previous == Decimal("1.5")
    general = report.table(keys.GENERAL_ACTION)
    assert general.cell(keys.YOUTHS_MET, keys.COUNT).previous == 3


def test_records_of_the_period_are_not_counted_in_the_previous_one(scope, youth):
    youth(first_contact_date=START)
    report = build_report(scope=scope, compare_with_previous=True)
    cell = report.table(keys.GENERAL_ACTION).cell(keys.YOUTHS_MET, keys.COUNT)
    assert (cell.value, cell.previous) == (1, 0)


def test_row_shown_only_now_has_no_previous_value(scope, youth):
    youth(birth_year=2021)  # 2 years old: outside every bracket
    report = build_report(scope=scope, compare_with_previous=True)
    assert report.table(keys.AGE).cell(keys.OUTSIDE_BRACKETS, keys.YOUTHS).previous is None
