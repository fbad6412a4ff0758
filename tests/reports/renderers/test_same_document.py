"""The demo's bilan in every format says the same thing, in the same order.

The demo team's report (the seed's commune and period) is rendered once in each of
the six formats from one outline; each file is read back (pdftotext, python-docx,
odfpy, openpyxl, json) and must show the same key figures, the same section titles
and the same table rows, in the same order. The seed's figures are written here by
hand, from docs/seed/bilan-emps-montigny-2023.txt.
"""

import datetime
import io
import itertools
import shutil

import pytest
from django.core.management import call_command

from carnet.organisations.models import Commune
from carnet.reports import services
from carnet.reports.models import ReportFormat
from carnet.reports.renderers.outline import build_outline
from carnet.reports.scope import ReportScope

from .extract import docx_lines, html_lines, in_order, json_data, odt_lines, pdf_lines, xlsx_sheets
from .sample import words

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is missing")

NARRATIVE = {
    "action_generale": "Les professionnels ont participé à des temps partenariaux.\n"
    "- Réunions CAHC thématiques\n- rencontres MDA, MDS",
    "perspectives": "Accéder au centre social sur des horaires atypiques.",
}


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """The six files of the demo's bilan, and the JSON read back as the reference."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        commune = Commune.objects.get(name="Montigny-en-Gohelle")
        scope = ReportScope(
            team=commune.team,
            commune=commune,
            start=datetime.date(2023, 5, 9),
            end=datetime.date(2023, 12, 31),
        )
        report = services.report_for(scope=scope)
        outline = build_outline(report=report, narrative=NARRATIVE)
        files = {fmt: services.render(outline=outline, fmt=fmt) for fmt in ReportFormat.values}
        yield files
        call_command("flush", interactive=False, verbosity=0)


def row_line(row: dict) -> str:
    return words(" ".join([row["label"], *(cell["text"] for cell in row["cells"])]))


def expected_lines(data: dict) -> list[str]:
    """What a reader meets, in order: key figures, then each section's title, texts, rows, lists."""
    lines = [f"{figure['text']} {figure['label']}" for figure in data["key_figures"]]
    for section in data["sections"]:
        lines.append(section["title"])
        for block in section["blocks"]:
            if block["type"] == "table":
                lines += [row_line(row) for row in block["rows"]]
            elif block["type"] == "narrative":
                lines += [paragraph["text"] for paragraph in block["paragraphs"]]
            elif block["type"] == "list":
                lines += [
                    f"{item['text']} : {item['detail']}" if item["detail"] else item["text"]
                    for item in block["items"]
                ][:5]
    return [words(line) for line in lines]


def found_in_order(text: str, expected: list[str]) -> list[str]:
    """The expected pieces missing from ``text`` read from its start, each after the previous one."""
    missing, position = [], 0
    for piece in expected:
        index = text.find(piece, position)
        if index < 0:
            missing.append(piece)
        else:
            position = index + len(piece)
    return missing


READERS = {
    ReportFormat.HTML: html_lines,
    ReportFormat.PDF: pdf_lines,
    ReportFormat.DOCX: docx_lines,
    ReportFormat.ODT: odt_lines,
}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", list(READERS))
def test_every_document_format_shows_the_json_figures_sections_and_rows_in_order(rendered, fmt):
    data = json_data(rendered[ReportFormat.JSON])
    text = " ".join(READERS[fmt](rendered[fmt]))
    assert found_in_order(text, expected_lines(data)) == []


@pytest.mark.django_db
def test_the_workbook_has_the_same_key_figures_sections_and_rows(rendered):
    data = json_data(rendered[ReportFormat.JSON])
    sheets = xlsx_sheets(rendered[ReportFormat.XLSX])
    labels = [row[0] for row in sheets["Bilan"]]
    sections_start = labels.index("Sections du bilan")
    summary = {row[0]: row[1] for row in sheets["Bilan"][:sections_start] if row[0]}
    for figure in data["key_figures"]:
        assert summary[figure["label"]] == figure["value"], figure["label"]
    titles = labels[sections_start + 1 :]
    assert in_order(titles, [section["title"] for section in data["sections"]]) == []
    tables = [
        block for section in data["sections"] for block in section["blocks"] if block["type"] == "table"
    ]
    # One sheet per table, in the document's order, after the summary.
    for table, rows in zip(tables, list(sheets.values())[1:], strict=False):
        assert rows[0][0] == table["title"]
        body = rows[3:]  # title, scope, then the header row
        assert [row[0] for row in body] == [row["label"] for row in table["rows"]], table["title"]
        columns = [column["key"] for column in table["columns"]]
        for row, values in zip(table["rows"], body, strict=True):
            for column, cell, value in zip(columns, row["cells"], values[1:], strict=False):
                if cell["value"] is None:
                    continue
                expected = cell["value"] / 100 if column == "percent" else cell["value"]
                assert value == pytest.approx(expected), (table["title"], row["label"], column)


@pytest.mark.django_db
def test_key_figures_agree_with_the_tables_and_hold_the_seed_figures(rendered):
    data = json_data(rendered[ReportFormat.JSON])
    figures = {figure["key"]: figure["text"] for figure in data["key_figures"]}
    tables = {
        block["key"]: block for s in data["sections"] for block in s["blocks"] if block["type"] == "table"
    }
    categories_total = next(row for row in tables["action_categories"]["rows"] if row["total"])
    # « Actions collectives » is the total of its table (32 ateliers, 32 sorties, 1 séjour, 32 DSL).
    assert figures["collective_actions"] == categories_total["cells"][0]["text"] == "97"
    assert figures["youths_in_contact"] == "67"
    assert figures["commune_events"] == "27"
    assert figures["after_needs_study"] == "66"
    assert figures["presence_hours"] == "246"
    docx_text = " ".join(docx_lines(rendered[ReportFormat.DOCX]))
    assert "97 Actions collectives" in docx_text
    assert "Comportement 73 37 22 %" in docx_text


@pytest.mark.django_db
def test_no_two_tables_in_a_row_print_the_same_figures(rendered):
    data = json_data(rendered[ReportFormat.JSON])
    tables = [block for s in data["sections"] for block in s["blocks"] if block["type"] == "table"]
    keys = [table["key"] for table in tables]
    assert "action_types" not in keys  # the default types are the categories: printed once
    for first, second in itertools.pairwise(tables):
        assert [row_line(r).split(" ", 1)[-1] for r in first["rows"]] != [
            row_line(r).split(" ", 1)[-1] for r in second["rows"]
        ], (first["title"], second["title"])


@pytest.mark.django_db
def test_charts_are_pictures_in_the_office_formats(rendered):
    import zipfile

    docx_media = [
        n
        for n in zipfile.ZipFile(io.BytesIO(rendered[ReportFormat.DOCX])).namelist()
        if n.startswith("word/media/")
    ]
    odt_pictures = [
        n
        for n in zipfile.ZipFile(io.BytesIO(rendered[ReportFormat.ODT])).namelist()
        if n.startswith("Pictures/")
    ]
    assert len(docx_media) == len(odt_pictures) == 3  # domains, ages, origins
    assert rendered[ReportFormat.HTML].count(b"<svg") == 3
