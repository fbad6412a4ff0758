"""Read back what each format shows, in reading order, as lines of text.

A table row reads as one line: its label and its figures separated by spaces, the
previous period's figure in brackets after each, as a reader sees it. Every kind of
space is one plain space ("1 234", "22 %").
"""

import io
import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph
from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.element import Element
from odf.namespaces import TABLENS, TEXTNS
from odf.opendocument import load

from .sample import words


def pdf_lines(content: bytes) -> list[str]:
    """pdftotext -raw: the text in the order WeasyPrint wrote it, the document's order
    (a label wrapping in its cell only adds a line break)."""
    if shutil.which("pdftotext") is None:
        raise RuntimeError("pdftotext (poppler-utils) is needed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bilan.pdf"
        path.write_bytes(content)
        text = subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    # A compound word broken after its hyphen ("Montigny-en-" / "Gohelle") is one word again.
    text = text.replace("-\n", "-")
    return [words(line) for line in text.splitlines() if line.strip()]


class _HtmlLines(HTMLParser):
    BREAKS = {"p", "li", "h1", "h2", "h3", "figcaption", "tr", "div", "section", "header", "footer", "ul"}

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0

    def flush(self):
        text = words(" ".join(self.current))
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "svg", "script"):
            self.skip += 1
        if tag in self.BREAKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("style", "svg", "script"):
            self.skip -= 1
        if tag in self.BREAKS or tag in ("td", "th"):
            if tag in self.BREAKS:
                self.flush()
            else:
                self.current.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def html_lines(content: bytes) -> list[str]:
    parser = _HtmlLines()
    parser.feed(content.decode())
    parser.flush()
    return parser.lines


def docx_lines(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(words(Paragraph(child, document).text))
        elif child.tag.endswith("}tbl"):
            table = WordTable(child, document)
            lines += [words(" ".join(cell.text for cell in row.cells)) for row in table.rows]
    return [line for line in lines if line]


def _odt_cell_text(cell: Element) -> str:
    """A cell's paragraphs, one after the other (a key figure's number, then its label)."""
    return " ".join(teletype.extractText(paragraph) for paragraph in cell.getElementsByType(odf_text.P))


def _odt_walk(element: Element, lines: list[str]) -> None:
    for child in element.childNodes:
        if child.qname == (TABLENS, "table-row"):
            cells = child.getElementsByType(odf_table.TableCell)
            lines.append(words(" ".join(_odt_cell_text(cell) for cell in cells)))
        elif child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            lines.append(words(teletype.extractText(child)))
        elif hasattr(child, "childNodes"):
            _odt_walk(child, lines)


def odt_lines(content: bytes) -> list[str]:
    document = load(io.BytesIO(content))
    lines: list[str] = []
    _odt_walk(document.text, lines)
    return [line for line in lines if line]


def xlsx_sheets(content: bytes) -> dict[str, list[tuple]]:
    """Each sheet's rows of values, sheets in the workbook's order."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        sheet.title: [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
        for sheet in book.worksheets
    }


def json_data(content: bytes) -> dict:
    return json.loads(content)


def in_order(lines: list[str], expected: list[str]) -> list[str]:
    """The expected lines missing from ``lines`` read in order (each found after the previous one)."""
    missing = []
    position = 0
    for line in expected:
        for index in range(position, len(lines)):
            if lines[index] == line:
                position = index + 1
                break
        else:
            missing.append(line)
    return missing
