"""Every format renders a report the engine built from records."""

import datetime
import io
import xml.etree.ElementTree as ET

import docx
import openpyxl
import pytest

from carnet.reports.build import build_report
from carnet.reports.disclosure import external_version
from carnet.reports.renderers import charts
from carnet.reports.renderers.docx import render_docx
from carnet.reports.renderers.odt import render_odt
from carnet.reports.renderers.outline import cell_text, change_text, previous_text
from carnet.reports.renderers.xlsx import render_xlsx
from carnet.reports.rules import keys
from tests import factories

from .sample import outline_of, words

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def built_report(scope, commune):
    for sex, birth_year, domains in (("F", 2010, ["scolarite", "famille"]), ("H", 2008, ["scolarite"])):
        youth = factories.YouthFactory(commune=commune, sex=sex, birth_year=birth_year)
        factories.AccompanimentPeriodFactory(youth=youth)
        factories.SituationChangeFactory(youth=youth)
        factories.InterventionFactory(youth=youth, domains=domains)
    factories.YouthFactory(commune=commune, sex="", birth_year=None)
    action = factories.CollectiveActionFactory(team=scope.team, commune=commune)
    action.participants.add(*scope.team.youths.all())
    factories.PresenceSessionFactory(team=scope.team)
    factories.PartnershipMeetingFactory(team=scope.team)
    return build_report(scope=scope, compare_with_previous=True)


def test_workbook_of_a_built_report_has_every_table_with_numbers(built_report):
    outline = outline_of(built_report)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(outline=outline)))
    # Action types mapped one to one on categories print as one table: the categories'.
    printed = [table for table in built_report.tables if table.key != keys.ACTION_TYPES]
    # The actions' sheet; no partner was mobilised, so no partners' sheet.
    assert not built_report.partners
    assert len(book.sheetnames) == 1 + len(printed) + 1 + bool(built_report.data_gaps)
    summary = {
        label: value for label, value in book["Bilan"].iter_rows(min_row=4, max_col=2, values_only=True)
    }
    assert summary["Jeunes rencontrés dans la période"] == built_report.youths == 3


def figure(cell) -> str:
    """A figure as printed, with the previous period's and the change in brackets
    (``change_text`` has its own tests)."""
    bracket = ", ".join(part for part in (previous_text(cell), change_text(cell)) if part)
    return words(cell_text(cell)) + (f" ({words(bracket)})" if bracket else "")


def test_word_document_of_a_built_report_has_every_figure(built_report):
    document = docx.Document(io.BytesIO(render_docx(outline=outline_of(built_report))))
    tables = [[[words(cell.text) for cell in row.cells] for row in table.rows] for table in document.tables]
    for table in built_report.tables:
        if table.key == keys.ACTION_TYPES:
            continue  # the same figures as the categories' table, printed once
        expected = [[row.label, *(figure(cell) for cell in row.cells)] for row in table.all_rows]
        assert any(found[1:] == expected for found in tables), table.title


def test_every_format_renders_the_external_version(built_report, settings):
    report = external_version(built_report, threshold=settings.CARNET_SMALL_COUNT_THRESHOLD)
    assert any(cell.hidden for cell in report.cells())
    assert render_xlsx(outline=outline_of(report))
    assert render_docx(outline=outline_of(report))
    assert render_odt(outline=outline_of(report))
    for chart in (charts.domains_chart, charts.age_sex_chart, charts.origin_chart):
        assert ET.fromstring(chart(report)).get("role") == "img"
