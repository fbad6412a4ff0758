"""Every external format prints one mark for a masked figure, never a false one, with its legend."""

import html
import io
import json
import re
import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pytest

from carnet.reports.build import build_report
from carnet.reports.models import Audience, ReportFormat
from carnet.reports.services import render, report_for
from tests.reports.activity import record_activity
from tests.reports.renderers.sample import outline_of, words

pytestmark = pytest.mark.django_db
# As printed: a no-break space before the colon, the typographic apostrophe.
LEGEND = "s\u00a0: donnée masquée pour protéger l\u2019anonymat des jeunes — secret statistique, seuil 3"
FALSE_MARK = re.compile(r"<\s?3")


@pytest.fixture
def reports(scope, team, commune, settings):
    settings.CARNET_SMALL_COUNT_THRESHOLD = 3
    record_activity(team=team, commune=commune, youths=12)
    return build_report(scope=scope), report_for(scope=scope, audience=Audience.EXTERNAL)


def _render(report, fmt) -> bytes:
    return render(outline=outline_of(report, external=True), fmt=fmt)


def _text(content: bytes, fmt: str, tmp_path) -> str:
    if fmt == ReportFormat.HTML:
        return html.unescape(re.sub(r"<[^>]+>", " ", content.decode()))
    if fmt == ReportFormat.PDF:
        path = tmp_path / "bilan.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    if fmt == ReportFormat.DOCX:
        document = docx.Document(io.BytesIO(content))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)
    if fmt == ReportFormat.ODT:
        xml = zipfile.ZipFile(io.BytesIO(content)).read("content.xml").decode()
        return html.unescape(re.sub(r"<[^>]+>", " ", xml))
    if fmt == ReportFormat.JSON:
        document = json.loads(content)
        return "\n".join(
            [document["disclosure_note"] or "", *(cell["text"] for cell in _json_cells(document))]
        )
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
    )


def _json_cells(document: dict):
    for section in document["sections"]:
        for block in section["blocks"]:
            if block["type"] == "table":
                yield from (cell for row in block["rows"] for cell in row["cells"])


def test_the_report_masks_a_figure_that_is_not_small(reports):
    internal, external = reports
    masked = [
        internal.table(table.key).value(row.key, cell.key.column)
        for table in external.tables
        for row in table.all_rows
        for cell in row.cells
        if cell.hidden
    ]
    assert any(isinstance(value, int) and value >= 3 for value in masked)


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_external_format_has_the_legend_and_no_false_mark(reports, fmt, tmp_path):
    if fmt == ReportFormat.PDF and not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is missing")
    text = " ".join(_text(_render(reports[1], fmt), fmt, tmp_path).split())
    assert " ".join(LEGEND.split()) in text
    assert not FALSE_MARK.search(text)


def test_every_table_sheet_carries_the_legend_and_holds_the_mark_exactly_where_masked(reports):
    _internal, external = reports
    book = openpyxl.load_workbook(io.BytesIO(_render(external, ReportFormat.XLSX)))
    tables = {words(table.title): table for table in external.tables}
    checked = 0
    for sheet in book.worksheets[1:]:
        assert sheet["A3"].value == LEGEND, sheet.title
        table = tables.get(words(sheet["A1"].value))
        if table is None:  # the list of actions or of partners
            continue
        checked += 1
        for offset, row in enumerate(table.all_rows):
            for index, cell in enumerate(row.cells):
                printed = sheet.cell(row=5 + offset, column=2 + index).value
                assert (printed == "s") == cell.hidden, (table.key, row.key, cell.key.column, printed)
    assert checked >= 5
