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
import re
import shutil
import zipfile

import pytest
from django.core.management import call_command

from carnet.organisations.models import Commune
from carnet.reports import services
from carnet.reports.models import ReportFormat
from carnet.reports.renderers.outline import build_outline
from carnet.reports.report_models import builtin_models
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
def demo_scope(django_db_setup, django_db_blocker):
    """The seed's commune and period in the demo's records."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        commune = Commune.objects.get(name="Montigny-en-Gohelle")
        yield ReportScope(
            team=commune.team,
            commune=commune,
            start=datetime.date(2023, 5, 9),
            end=datetime.date(2023, 12, 31),
        )
        call_command("flush", interactive=False, verbosity=0)


def render_demo(scope: ReportScope, slug: str, django_db_blocker, narrative=NARRATIVE) -> dict[str, bytes]:
    """The six files of the demo's bilan laid out by a built-in model."""
    model = builtin_models()[slug]
    with django_db_blocker.unblock():
        report = services.report_for(scope=scope, model=model)
        outline = build_outline(report=report, model=model, narrative=narrative)
        return {fmt: services.render(outline=outline, fmt=fmt) for fmt in ReportFormat.values}


@pytest.fixture(scope="module", params=sorted(builtin_models()))
def rendered(request, demo_scope, django_db_blocker):
    return render_demo(demo_scope, request.param, django_db_blocker)


@pytest.fixture(scope="module")
def carnet_files(demo_scope, django_db_blocker):
    return render_demo(demo_scope, "carnet", django_db_blocker)


@pytest.fixture(scope="module")
def anct_files(demo_scope, django_db_blocker):
    # The model's own « Action générale », with its live figures.
    return render_demo(demo_scope, "anct", django_db_blocker, narrative={})


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
        assert [row[0] or "" for row in body] == [row["label"] for row in table["rows"]], table["title"]
        columns = [column["key"] for column in table["columns"]]
        for row, values in zip(table["rows"], body, strict=True):
            for column, cell, value in zip(columns, row["cells"], values[1:], strict=False):
                if cell["value"] is None:
                    continue
                expected = cell["value"] / 100 if column == "percent" else cell["value"]
                assert value == pytest.approx(expected), (table["title"], row["label"], column)


@pytest.mark.django_db
def test_key_figures_agree_with_the_tables_and_hold_the_seed_figures(carnet_files):
    rendered = carnet_files
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
    data = json_data(rendered[ReportFormat.JSON])
    charts = [block for s in data["sections"] for block in s["blocks"] if block["type"] == "chart"]

    def pictures(fmt: str, folder: str) -> list[str]:
        names = zipfile.ZipFile(io.BytesIO(rendered[fmt])).namelist()
        return [name for name in names if name.startswith(folder)]

    assert len(pictures(ReportFormat.DOCX, "word/media/")) == len(charts)
    assert len(pictures(ReportFormat.ODT, "Pictures/")) == len(charts)
    assert rendered[ReportFormat.HTML].count(b"<svg") == len(charts)


# The seed's own words, with its figures (docs/seed/bilan-emps-montigny-2023.txt).
SEED_LINES = [
    "Ils ont participé à 27 événements initiés par les communes en y amenant des jeunes",
    "Ils ont réalisé 66 actions après étude de besoin",
    "Ils sont en contact avec 67 jeunes en accroche, en accompagnement ponctuel et en accompagnement "
    "individuel",
    "L'activité de l'EMPS sur Montigny-en-Gohelle",
    "Axe de travail Modalité d'action Nombre de jeunes Partenaires mobilisés",
    "Accompagnement Projet d'Accompagnement Educatif Individualisé (PAEI) 20",
    "Accompagnement Socio-Educatif Ponctuel (ASEP) 39",
    "En accroche 8",
    "Actions Actions collectives 32 ateliers, 32 sorties et un séjour (2 jours)",
    "Actions DSL (sur le quartier) 5 initiées et 27 en associé",
    "Non objectivé — 246 heures",
    "Domaines travaillés",
    "Comportement 73 37 22 %",
    "Répartition du public accompagné par âge et par sexe",
    "12 - 15 ans 38 22 16 0 0 56 %",
    "Répartition du public accompagné par origine de la rencontre et par situation",
    "Présence sociale 47 29 18 0 0 69 %",
    "Scolarisé 55 32 23 0 0 89 %",
]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", list(READERS))
def test_the_anct_model_holds_the_seed_summary_table_and_phrasing(anct_files, fmt):
    text = " ".join(READERS[fmt](anct_files[fmt]))
    assert found_in_order(text, [words(line) for line in SEED_LINES]) == []


LIVE_TEXT = (
    "Ils sont en contact avec {youths_in_contact}, ont participé à {commune_events} initiés par "
    "les communes et organisé {trips} de {trip_days}."
)
# The demo's values, with French agreement: « 1 séjour » is singular.
LIVE_READ = (
    "Ils sont en contact avec 67 jeunes, ont participé à 27 événements initiés par les communes "
    "et organisé 1 séjour de 2 jours."
)


@pytest.fixture(scope="module")
def live_files(demo_scope, django_db_blocker):
    return render_demo(demo_scope, "carnet", django_db_blocker, narrative={"perspectives": LIVE_TEXT})


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", list(READERS))
def test_a_text_with_live_figures_reads_the_same_values_in_every_document_format(live_files, fmt):
    text = " ".join(READERS[fmt](live_files[fmt]))
    assert LIVE_READ in text
    assert "{" not in text


@pytest.mark.django_db
def test_a_text_with_live_figures_reads_the_same_values_in_the_workbook_and_the_json(live_files):
    sheets = xlsx_sheets(live_files[ReportFormat.XLSX])
    cells = [words(str(value)) for row in sheets["Bilan"] for value in row if value]
    assert LIVE_READ in cells
    data = json_data(live_files[ReportFormat.JSON])
    texts = [block["text"] for s in data["sections"] for block in s["blocks"] if block["type"] == "narrative"]
    assert LIVE_READ in texts


def header_fragments(data: dict) -> dict[str, str]:
    """Every piece a table header's word could be broken into (« Séa », « nces »), with its word."""
    fragments = {}
    for section in data["sections"]:
        for block in section["blocks"]:
            if block["type"] != "table":
                continue
            for header in [block["row_header"], *(column["label"] for column in block["columns"])]:
                for word in re.findall(r"\w+", header):
                    for cut in range(1, len(word)):
                        fragments.setdefault(word[:cut], word)
                        fragments.setdefault(word[cut:], word)
    return fragments


def broken_headers(printed: str, source_lines: list[str], data: dict) -> list[str]:
    """Pieces of a header's word printed as words of their own that the document never wrote."""
    vocabulary = set(re.findall(r"\w+", " ".join(source_lines)))
    fragments = header_fragments(data)
    return sorted(
        f"{token} ({fragments[token]})"
        for token in set(re.findall(r"\w+", printed))
        if token in fragments and token not in vocabulary
    )


OFFICE_READERS = {ReportFormat.DOCX: docx_lines, ReportFormat.ODT: odt_lines}


@pytest.mark.office
@pytest.mark.django_db
@pytest.mark.parametrize("fmt", list(OFFICE_READERS))
def test_no_table_header_is_broken_inside_a_word_once_printed_by_libreoffice(rendered, to_pdf_text, fmt):
    data = json_data(rendered[ReportFormat.JSON])
    printed = to_pdf_text(rendered[fmt], fmt)
    assert broken_headers(printed, OFFICE_READERS[fmt](rendered[fmt]), data) == []


@pytest.mark.django_db
def test_no_table_header_is_broken_inside_a_word_in_the_pdf(rendered):
    data = json_data(rendered[ReportFormat.JSON])
    printed = "\n".join(pdf_lines(rendered[ReportFormat.PDF]))
    assert broken_headers(printed, html_lines(rendered[ReportFormat.HTML]), data) == []
