"""LibreOffice opens the office documents and prints every figure."""

import pytest

from carnet.reports.renderers.docx import render_docx
from carnet.reports.renderers.odt import render_odt

from .sample import NARRATIVE, outline_of, words

pytestmark = pytest.mark.office

RENDERERS = {"docx": render_docx, "odt": render_odt}


@pytest.mark.parametrize("suffix", RENDERERS)
def test_document_converts_to_pdf_with_its_title_texts_and_tables(report, to_pdf_text, suffix):
    content = RENDERERS[suffix](outline=outline_of(report, narrative=NARRATIVE, funders=["ANCT"]))
    text = words(to_pdf_text(content, suffix))
    assert "EMPS Montigny-en-Gohelle" in text
    assert "Du 9 mai 2023 au 31 décembre 2023" in text
    assert "Recrutement le 11 mai 2023 de Monsieur Thomas Normand" in text
    assert "Comportement 73 37 22 %" in text
    assert "12 - 15 ans 38 22 16 0 0 56 %" in text
    assert "Total 66 38 27 0 1 —" in text
    assert "Travail de rue 96 192,5 211" in text
    assert "Séjour Marché de Noël" in text  # the title wraps in its column


@pytest.mark.parametrize("suffix", RENDERERS)
def test_compared_document_prints_previous_figures(compared_report, to_pdf_text, suffix):
    text = words(to_pdf_text(RENDERERS[suffix](outline=outline_of(compared_report)), suffix))
    assert "Comportement 73 (72, +1) 37 (36, +1) 22 %" in text
