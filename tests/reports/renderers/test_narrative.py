"""The team's text: bullets and bold words written once read the same in every format."""

import io

import docx
import pytest
from odf import text as odf_text
from odf.opendocument import load

from carnet.reports.renderers.docx import render_docx
from carnet.reports.renderers.html import render_html
from carnet.reports.renderers.json import render_json
from carnet.reports.renderers.narrative import Run, narrative_blocks
from carnet.reports.renderers.odt import render_odt
from carnet.reports.renderers.xlsx import render_xlsx

from .extract import docx_lines, html_lines, json_data, odt_lines, xlsx_sheets
from .sample import outline_of

TEXT = "L'équipe a **tenu 3 permanences** au collège.\n- une *sortie* au bowling\n- <b>deux</b> ateliers"


def test_bold_and_italic_words_are_read_and_markup_stays_text():
    first, second, third = narrative_blocks(TEXT)
    assert first.text == "L'équipe a tenu 3 permanences au collège."
    assert first.runs == (Run("L'équipe a "), Run("tenu 3 permanences", bold=True), Run(" au collège."))
    assert (second.level, second.runs) == (1, (Run("une "), Run("sortie", italic=True), Run(" au bowling")))
    assert third.runs == (Run("<b>deux</b> ateliers"),)


@pytest.fixture
def outline(report):
    return outline_of(report, narrative={"perspectives": TEXT})


def test_the_page_shows_bold_words_in_strong_and_typed_markup_escaped(outline):
    html = render_html(outline=outline)
    assert "L&#x27;équipe a <strong>tenu 3 permanences</strong> au collège." in html
    assert "<li>une <em>sortie</em> au bowling</li>" in html
    assert "<li>&lt;b&gt;deux&lt;/b&gt; ateliers</li>" in html


def test_word_and_opendocument_print_the_same_words_in_bold(outline):
    paragraphs = docx.Document(io.BytesIO(render_docx(outline=outline))).paragraphs
    line = next(p for p in paragraphs if p.text == "L'équipe a tenu 3 permanences au collège.")
    assert [run.text for run in line.runs if run.bold] == ["tenu 3 permanences"]

    document = load(io.BytesIO(render_odt(outline=outline)))
    spans = [
        (span.getAttribute("stylename"), str(span))
        for span in document.text.getElementsByType(odf_text.Span)
        if str(span) in ("tenu 3 permanences", "sortie")
    ]
    assert spans == [("Gras", "tenu 3 permanences"), ("Italique", "sortie")]


def test_every_format_reads_the_text_without_its_stars(outline):
    expected = ["L'équipe a tenu 3 permanences au collège.", "une sortie au bowling", "<b>deux</b> ateliers"]
    for lines in (
        html_lines(render_html(outline=outline).encode()),
        docx_lines(render_docx(outline=outline)),
        odt_lines(render_odt(outline=outline)),
    ):
        assert all(any(line.endswith(piece) for line in lines) for piece in expected), lines
    cells = [
        str(value) for row in xlsx_sheets(render_xlsx(outline=outline))["Bilan"] for value in row if value
    ]
    assert (
        "\n".join(
            # The workbook sets every text in French typography.
            ["L’équipe a tenu 3 permanences au collège.", "• une sortie au bowling", "• <b>deux</b> ateliers"]
        )
        in cells
    )
    data = json_data(render_json(outline=outline))
    paragraphs = [
        p["text"]
        for s in data["sections"]
        for b in s["blocks"]
        if b["type"] == "narrative"
        for p in b["paragraphs"]
    ]
    assert paragraphs == expected
