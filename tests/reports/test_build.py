"""The report object: its tables, their layout, labels from the referentials."""

import dataclasses

import pytest

from carnet.referentials.models import Domain
from carnet.reports.build import build_report
from carnet.reports.rules import keys
from tests.factories import InterventionFactory

from .activity import record_activity
from .conftest import ref

pytestmark = pytest.mark.django_db


def test_report_holds_the_tables_in_reading_order(scope):
    report = build_report(scope=scope)
    assert [table.key for table in report.tables] == [
        keys.MODALITY,
        keys.AGE,
        keys.SEX,
        keys.ORIGIN,
        keys.SITUATION,
        keys.DOMAINS,
        keys.ACTION_CATEGORIES,
        keys.ACTION_TYPES,
        keys.DSL,
        keys.GENERAL_ACTION,
        keys.PAEI_GOALS,
        keys.DIAGNOSTICS,
        keys.PRESENCE,
        keys.MEETINGS,
    ]
    assert all(table.title for table in report.tables)


def test_every_cell_sits_in_its_table_row_and_column(scope, team, commune):
    record_activity(team=team, commune=commune, youths=8)
    for table in build_report(scope=scope).tables:
        columns = [column.key for column in table.columns]
        for row in table.all_rows:
            assert [cell.key.column for cell in row.cells] == columns, (table.key, row.key)
            assert {(cell.key.table, cell.key.row) for cell in row.cells} == {(table.key, row.key)}


def test_report_cannot_be_changed_once_built(scope):
    report = build_report(scope=scope)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.youths = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.tables[0].rows[0].cells[0].value = 3


def test_row_labels_follow_the_referential(scope, team, youth):
    domain = ref(Domain, team, "sante")
    domain.label = "Santé"
    domain.save()
    InterventionFactory(youth=youth(), domains=["sante"])
    assert build_report(scope=scope).table(keys.DOMAINS).row("sante").label == "Santé"


def test_empty_period_gives_zero_rows_and_no_lists(scope):
    report = build_report(scope=scope)
    assert (report.youths, report.youths_in_contact) == (0, 0)
    assert report.actions == report.partners == report.data_gaps == ()
    assert report.table(keys.AGE).value(keys.NOT_RECORDED, keys.YOUTHS) == 0
    assert {row.value(keys.PERCENT) for row in report.table(keys.DOMAINS).rows} == {0}
