"""R3, R4, R5 — Youths by sex, by age reached on the period's last day, and the sex table."""

import datetime

import pytest

from carnet.referentials.models import AgeBracket
from carnet.reports.build import build_report
from carnet.reports.rules import keys, youths_in_report
from carnet.reports.scope import ReportScope

from .conftest import ref

pytestmark = pytest.mark.django_db

D = datetime.date


def age_table(scope):
    return build_report(scope=scope).table(keys.AGE)


def test_age_is_the_age_reached_on_the_periods_last_day(scope, youth):
    youth(birth_date=D(2008, 12, 31), birth_year=2008)  # 15 on 31 December 2023
    youth(birth_date=D(2008, 1, 1), birth_year=2008)  # 15
    ages = {y.birth_date: y.age for y in youths_in_report(scope=scope)}
    assert ages == {D(2008, 12, 31): 15, D(2008, 1, 1): 15}


def test_youth_whose_birthday_falls_after_the_period_end_is_younger(team, youth):
    scope = ReportScope(team=team, start=D(2023, 1, 1), end=D(2023, 6, 30))
    youth(birth_date=D(2011, 7, 1), birth_year=2011, first_contact_date=D(2023, 2, 1))
    youth(birth_date=D(2011, 6, 30), birth_year=2011, first_contact_date=D(2023, 2, 1))
    assert sorted(y.age for y in youths_in_report(scope=scope)) == [11, 12]
    table = age_table(scope)
    assert table.value("10-11", keys.YOUTHS) == 1
    assert table.value("12-15", keys.YOUTHS) == 1


def test_youth_with_only_a_birth_year_has_the_age_reached_that_year(scope, youth):
    youth(birth_date=None, birth_year=2012)
    assert [y.age for y in youths_in_report(scope=scope)] == [11]
    assert age_table(scope).value("10-11", keys.YOUTHS) == 1


def test_age_in_sql_is_the_age_of_the_youth_model(scope, youth):
    youths = [
        youth(birth_date=D(2010, 2, 28), birth_year=2010),
        youth(birth_date=D(2012, 2, 29), birth_year=2012),
        youth(birth_date=None, birth_year=1999),
        youth(birth_date=None, birth_year=None),
    ]
    ages = {y.pk: y.age for y in youths_in_report(scope=scope)}
    assert ages == {y.pk: y.age_on(scope.end) for y in youths}


def test_youth_without_birth_date_or_year_is_counted_as_not_recorded(scope, youth):
    youth(birth_date=None, birth_year=None, sex="F")
    table = age_table(scope)
    assert table.value(keys.NOT_RECORDED, keys.YOUTHS) == 1
    assert table.value(keys.NOT_RECORDED, "F") == 1
    assert table.value(keys.NOT_RECORDED, keys.PERCENT) is None


def test_rows_are_the_active_age_brackets_by_minimum_age(scope):
    table = age_table(scope)
    assert [row.label for row in table.rows] == [
        "6 - 9 ans",
        "10 - 11 ans",
        "12 - 15 ans",
        "16 - 17 ans",
        "18 - 20 ans",
        "21 - 24 ans",
        "25 ans et +",
        "Non renseigné",
    ]


def test_last_bracket_without_maximum_holds_every_older_youth(scope, youth):
    youth(birth_year=1950)
    youth(birth_year=1998)  # 25
    assert age_table(scope).value("25-plus", keys.YOUTHS) == 2


def test_youth_younger_than_every_bracket_is_counted_outside_brackets(scope, youth):
    youth(birth_year=2020)  # 3 years old
    youth(birth_year=2010)
    table = age_table(scope)
    assert table.value(keys.OUTSIDE_BRACKETS, keys.YOUTHS) == 1
    assert table.row(keys.OUTSIDE_BRACKETS).label == "Hors tranches"
    # A known age: the share is over the two youths whose age is known.
    assert table.value(keys.OUTSIDE_BRACKETS, keys.PERCENT) == 50
    assert table.percent_of == 2


def test_outside_brackets_row_is_shown_only_when_someone_is_outside(scope, youth):
    youth(birth_year=2010)
    assert keys.OUTSIDE_BRACKETS not in [row.key for row in age_table(scope).rows]


def test_retired_bracket_no_longer_holds_youths(scope, youth):
    bracket = ref(AgeBracket, scope.team, "6-9")
    bracket.is_active = False
    bracket.save()
    youth(birth_year=2015)  # 8
    table = age_table(scope)
    assert "6-9" not in [row.key for row in table.rows]
    assert table.value(keys.OUTSIDE_BRACKETS, keys.YOUTHS) == 1


def test_age_rows_split_by_sex_and_share_of_known_ages(scope, youth):
    for sex in ["H", "H", "F", "NB", ""]:
        youth(sex=sex, birth_year=2010)
    youth(sex="H", birth_year=2005)
    youth(sex="F", birth_year=None)
    table = age_table(scope)
    row = table.row("12-15")
    assert [row.value(column) for column in ("youths", "H", "F", "NB", keys.NOT_RECORDED)] == [5, 2, 1, 1, 1]
    assert row.value(keys.PERCENT) == 83  # 5 of the 6 youths with a known age
    assert table.value("18-20", keys.PERCENT) == 17
    assert table.percent_of == 6
    assert table.total.value(keys.YOUTHS) == 7
    assert sum(r.value(keys.YOUTHS) for r in table.rows) == 7


def test_youth_with_blank_sex_is_counted_in_the_not_recorded_column(scope, youth):
    youth(sex="", birth_year=2010)
    report = build_report(scope=scope)
    assert report.table(keys.AGE).value("12-15", keys.NOT_RECORDED) == 1
    assert report.table(keys.SEX).value(keys.NOT_RECORDED, keys.YOUTHS) == 1


def test_sex_table_gives_youths_average_age_and_share_of_all_youths(scope, youth):
    youth(sex="H", birth_year=2010)  # 13
    youth(sex="H", birth_year=2009)  # 14 -> average 13.5, shown 14
    youth(sex="F", birth_year=2011)  # 12
    youth(sex="F", birth_year=None)
    table = build_report(scope=scope).table(keys.SEX)
    assert [row.label for row in table.rows] == ["Homme", "Femme", "Non binaire", "Non renseigné"]
    assert table.row("H").value(keys.YOUTHS) == 2
    assert table.row("H").value(keys.AVERAGE_AGE) == 14
    assert table.row("H").value(keys.PERCENT) == 50
    # The average is over known ages; the share over every youth of the report.
    assert table.row("F").value(keys.AVERAGE_AGE) == 12
    assert table.row("F").value(keys.PERCENT) == 50
    assert table.row("NB").value(keys.AVERAGE_AGE) is None
    assert table.total.value(keys.YOUTHS) == 4
    assert table.total.value(keys.AVERAGE_AGE) == 13  # 39 / 3
