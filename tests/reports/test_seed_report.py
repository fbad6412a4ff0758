"""The demo team's records give, through the report engine, every printed row of
the seed report (EMPS Montigny-en-Gohelle, 9 May–31 December 2023).

The expected figures are tests/fixtures/expected-tables.json, copied from the
association's own bilan d'activité; rows are matched by label.
"""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from carnet.organisations.models import Commune
from carnet.reports.build import build_report
from carnet.reports.rules import keys
from carnet.reports.scope import ReportScope

EXPECTED = json.loads((Path(__file__).parents[1] / "fixtures" / "expected-tables.json").read_text())
SEX_COLUMNS = {"H": "H", "F": "F", "NB": "NB"}


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        commune = Commune.objects.get(name=EXPECTED["team"]["communes"][0])
        scope = ReportScope(
            team=commune.team,
            commune=commune,
            start=datetime.date.fromisoformat(EXPECTED["period"]["start"]),
            end=datetime.date.fromisoformat(EXPECTED["period"]["end"]),
        )
        yield build_report(scope=scope)
        call_command("flush", interactive=False, verbosity=0)


def _row(table, label):
    matches = [row for row in table.rows if row.label == label]
    assert matches, f"no row {label!r} in {table.key}: {[row.label for row in table.rows]}"
    return matches[0]


def test_modality_rows_and_youths_in_contact(report):
    table = report.table(keys.MODALITY)
    for label, youths in EXPECTED["modalities"]["rows"]:
        assert _row(table, label).value(keys.YOUTHS) == youths, label
    assert report.youths_in_contact == EXPECTED["modalities"]["total_youths_in_contact"]
    assert table.value(keys.NOT_RECORDED, keys.YOUTHS) == 1


def test_domain_rows(report):
    table = report.table(keys.DOMAINS)
    assert [row.label for row in table.rows] == [row[0] for row in EXPECTED["domains"]["rows"]]
    for label, total, youths, percent in EXPECTED["domains"]["rows"]:
        row = _row(table, label)
        assert (row.value(keys.INTERVENTIONS), row.value(keys.YOUTHS), row.value(keys.PERCENT)) == (
            total,
            youths,
            percent,
        ), label


def test_age_by_sex_rows(report):
    table = report.table(keys.AGE)
    for label, youths, male, female, non_binary, percent in EXPECTED["age_by_sex"]["rows"]:
        row = _row(table, label)
        assert [row.value(column) for column in (keys.YOUTHS, "H", "F", "NB", keys.PERCENT)] == [
            youths,
            male,
            female,
            non_binary,
            percent,
        ], label


def test_sex_rows_with_average_age(report):
    table = report.table(keys.SEX)
    for label, youths, average_age, percent in EXPECTED["sex"]["rows"]:
        row = _row(table, label)
        assert [row.value(column) for column in (keys.YOUTHS, keys.AVERAGE_AGE, keys.PERCENT)] == [
            youths,
            average_age,
            percent,
        ], label


@pytest.mark.parametrize("table_key", ["origin", "situation"])
def test_origin_and_situation_rows_by_sex(report, table_key):
    table = report.table(table_key)
    for label, total, male, female, non_binary, percent in EXPECTED[table_key]["rows"]:
        row = _row(table, label)
        assert [row.value(column) for column in (keys.YOUTHS, "H", "F", "NB", keys.PERCENT)] == [
            total,
            male,
            female,
            non_binary,
            percent,
        ], label


def test_six_youths_without_situation_show_as_not_recorded(report):
    row = report.table(keys.SITUATION).row(keys.NOT_RECORDED)
    assert (row.value(keys.YOUTHS), row.value("H"), row.value("F")) == (6, 2, 4)


def test_collective_actions_dsl_and_general_action(report):
    categories = report.table(keys.ACTION_CATEGORIES)
    expected = EXPECTED["collective_actions"]
    assert categories.value("workshop", keys.ACTIONS) == expected["ateliers"]
    assert categories.value("outing", keys.ACTIONS) == expected["sorties"]
    assert categories.value("trip", keys.ACTIONS) == expected["sejours"]
    assert categories.value("trip", keys.DAYS) == expected["sejour_days"]
    dsl = report.table(keys.DSL)
    assert dsl.value("initiated", keys.ACTIONS) == EXPECTED["dsl_actions"]["initiated"]
    assert dsl.value("associated", keys.ACTIONS) == EXPECTED["dsl_actions"]["associated"]
    general = report.table(keys.GENERAL_ACTION)
    assert (
        general.value(keys.COMMUNE_EVENTS, keys.COUNT)
        == EXPECTED["general_action"]["commune_events_with_youths"]
    )
    assert (
        general.value(keys.AFTER_NEEDS_STUDY, keys.COUNT)
        == EXPECTED["general_action"]["actions_after_needs_study"]
    )
    assert (
        general.value(keys.YOUTHS_IN_CONTACT, keys.COUNT) == EXPECTED["general_action"]["youths_in_contact"]
    )


def test_street_presence_hours(report):
    assert report.table(keys.PRESENCE).total.value(keys.HOURS) == EXPECTED["street_presence_hours"]


def test_data_quality_list_names_the_youths_behind_not_recorded_rows(report):
    # One youth without modality and six without situation; nobody lacks age, sex or origin.
    missing = [item.value for gap in report.data_gaps for item in gap.missing]
    assert missing.count("modality") == 1
    assert missing.count("situation") == 6
    assert not {"age", "sex", "origin"} & set(missing)
