"""The OpenDocument text: the same content as the Word document, for LibreOffice users."""

import io
import zipfile
from dataclasses import replace

from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.namespaces import STYLENS, TEXTNS
from odf.opendocument import load
from odf.style import ParagraphProperties

from carnet.reports.renderers.odt import render_odt
from carnet.reports.renderers.outline import cell_text
from carnet.reports.rules import keys

from .sample import NARRATIVE, outline_of, words


def read(content: bytes):
    return load(io.BytesIO(content))


def text_of(element) -> str:
    return words(teletype.extractText(element))


def odt_tables(document) -> list[dict]:
    """Each table: its header row and its body rows, as texts."""
    found = []
    for table in document.getElementsByType(odf_table.Table):
        headers = table.getElementsByType(odf_table.TableHeaderRows)
        header_rows = headers[0].getElementsByType(odf_table.TableRow) if headers else []
        rows = [
            [text_of(cell) for cell in row.getElementsByType(odf_table.TableCell)]
            for row in table.getElementsByType(odf_table.TableRow)
            if row not in header_rows
        ]
        header = (
            [text_of(cell) for cell in header_rows[0].getElementsByType(odf_table.TableCell)]
            if header_rows
            else []
        )
        found.append({"header": header, "rows": rows, "element": table})
    return found


def test_document_is_an_opendocument_text_archive(report):
    archive = zipfile.ZipFile(io.BytesIO(render_odt(outline=outline_of(report))))
    first = archive.infolist()[0]
    assert first.filename == "mimetype"
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert {"content.xml", "styles.xml", "META-INF/manifest.xml"} <= set(archive.namelist())


def test_every_table_of_the_report_is_a_table_with_a_repeated_header_row(report):
    tables = odt_tables(read(render_odt(outline=outline_of(report, narrative=NARRATIVE))))
    for table in report.tables:
        expected = [[row.label, *(words(cell_text(cell)) for cell in row.cells)] for row in table.all_rows]
        found = next((found for found in tables if found["rows"] == expected), None)
        assert found is not None, table.title
        assert found["header"][1:] == [column.label for column in table.columns]


def test_figures_are_aligned_right_and_labels_left(report):
    document = read(render_odt(outline=outline_of(report)))
    alignment = {}
    for style in document.styles.childNodes:
        if style.getAttrNS(STYLENS, "family") == "paragraph":
            for properties in style.getElementsByType(ParagraphProperties):
                alignment[style.getAttrNS(STYLENS, "name")] = properties.getAttribute("textalign")
    domains = next(found for found in odt_tables(document) if found["header"][:1] == ["Domaines travaillés"])
    first_row = domains["element"].getElementsByType(odf_table.TableRow)[1]
    styles = [
        cell.getElementsByType(odf_text.P)[0].getAttrNS(TEXTNS, "style-name")
        for cell in first_row.getElementsByType(odf_table.TableCell)
    ]
    assert [alignment.get(style) for style in styles] == [None, "end", "end", "end"]


def test_chapters_are_headings_and_bullets_are_lists(report):
    document = read(render_odt(outline=outline_of(report, narrative=NARRATIVE)))
    headings = {
        text_of(h): h.getAttrNS(TEXTNS, "outline-level") for h in document.getElementsByType(odf_text.H)
    }
    assert headings["Mise en place"] == "1"
    assert headings["Répartition par âge et par sexe"] == "2"
    assert "Plus-value générale" not in headings
    items = [text_of(item) for item in document.getElementsByType(odf_text.ListItem)]
    assert "Recrutement le 9 mai 2023 de Monsieur Jérôme Chavatte." in items
    assert "rencontres MDA, MDS" in items
    assert "UFOLEP" in items


def test_title_page_gives_the_team_period_and_funders(report):
    document = read(render_odt(outline=outline_of(report, funders=["ANCT"])))
    lines = [text_of(p) for p in document.getElementsByType(odf_text.P)][:6]
    assert lines[:5] == [
        "Association Rencontres et Loisirs",
        "Bilan d'activité",
        "EMPS Montigny-en-Gohelle",
        "Du 9 mai 2023 au 31 décembre 2023",
        "PARTENAIRES FINANCIERS",
    ]


def test_previous_period_figures_follow_in_brackets(compared_report):
    tables = odt_tables(read(render_odt(outline=outline_of(compared_report))))
    domains = next(found for found in tables if found["header"][:1] == ["Domaines travaillés"])
    assert domains["rows"][0] == ["Comportement", "73 (72, +1)", "37 (36, +1)", "22 %"]


def test_labels_with_markup_characters_stay_text(report):
    domains = report.table(keys.DOMAINS)
    odd = replace(domains.rows[0], label="Santé & <bien-être>")
    content = render_odt(outline=outline_of(replace(report, tables=(replace(domains, rows=(odd,)),))))
    assert b"Sant\xc3\xa9 &amp; &lt;bien-\xc3\xaatre&gt;" in zipfile.ZipFile(io.BytesIO(content)).read(
        "content.xml"
    )
