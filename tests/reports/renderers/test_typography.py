"""The documents are set in French typography: typographic apostrophes, a no-break space before
« : » and inside « », a narrow one before « ; ! ? » and « % », in every format."""

import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import openpyxl
import pytest
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load

from carnet.reports.models import ReportFormat
from carnet.reports.renderers.printable import french
from carnet.reports.services import render

from .sample import outline_of, sample_report

NBSP, NNBSP = "\u00a0", "\u202f"
STRAIGHT_BETWEEN_LETTERS = re.compile(r"[^\W\d_]'[^\W\d_]")
TYPED = "Bilan : l'équipe a dit « oui » ! Rendez-vous à 10:30 sur https://carnet.example ; 12 % des jeunes."
SET = (
    f"Bilan{NBSP}: l\u2019équipe a dit «{NBSP}oui{NBSP}»{NNBSP}! Rendez-vous à 10:30 sur "
    f"https://carnet.example{NNBSP}; 12{NNBSP}% des jeunes."
)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        (TYPED, SET),
        ("Modalité d'accompagnement", "Modalité d\u2019accompagnement"),
        ("Note: voir", f"Note{NBSP}: voir"),  # the space the colon lacked
        ("«oui»", f"«{NBSP}oui{NBSP}»"),
        ("22%", f"22{NNBSP}%"),
        (f"déjà{NBSP}: rien", f"déjà{NBSP}: rien"),
        ("4'30 et 'cité'", "4'30 et 'cité'"),  # not between two letters: left as typed
        ("Total 12 : 3", "Total 12 : 3"),  # a ratio, not a sentence
    ],
)
def test_french_sets_a_text_in_french_typography(typed, printed):
    assert french(typed) == printed


def _files():
    outline = outline_of(sample_report(), narrative={"perspectives": TYPED})
    return {fmt: render(outline=outline, fmt=fmt) for fmt in ReportFormat}


@pytest.fixture(scope="module")
def files():
    return _files()


def _docx_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)


def _odt_text(content: bytes) -> str:
    document = load(io.BytesIO(content))
    return "\n".join(teletype.extractText(p) for p in document.getElementsByType(odf_text.P))


def test_the_team_text_is_printed_in_french_typography_in_every_office_format(files):
    assert SET in files[ReportFormat.HTML].decode()
    assert SET in _docx_text(files[ReportFormat.DOCX])
    assert SET in _odt_text(files[ReportFormat.ODT])
    document = json.loads(files[ReportFormat.JSON])
    assert SET in json.dumps(document, ensure_ascii=False)


def test_titles_and_labels_have_no_straight_apostrophe_between_letters(files):
    book = openpyxl.load_workbook(io.BytesIO(files[ReportFormat.XLSX]))
    texts = [
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row if value
    ]
    document = docx.Document(io.BytesIO(files[ReportFormat.DOCX]))
    texts += [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts.append(_odt_text(files[ReportFormat.ODT]))
    assert [text for text in texts if STRAIGHT_BETWEEN_LETTERS.search(text)] == []
    assert any("\u2019" in text for text in texts)


def test_setting_a_text_twice_changes_nothing_more():
    assert french(SET) == SET


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_the_pdf_reads_each_elided_word_whole(files):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bilan.pdf"
        path.write_bytes(files[ReportFormat.PDF])
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True).stdout
    # Kerning off: « l’équipe » is one run, not « l ’équipe ».
    assert "l\u2019équipe a dit" in text
