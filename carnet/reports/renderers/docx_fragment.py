"""The pieces python-docx builds for the DOCX template to insert verbatim (``{{p ... }}``):
paragraphs, tables, pictures, key-figure cards and funders' logos, in Carnet's styles."""

import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docxtpl import DocxTemplate
from lxml import etree

from .narrative import Block
from .outline import DATA_GAPS_SHOWN, ItemList, Outline
from .outline import Grid as OutlineGrid

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates_office" / "bilan.docx"

BRAND = "0B5561"
LINE = "D5DBE3"
TOTAL_FILL = "E3EEF0"
CARD_FILL = "EEF4F5"
MUTED = RGBColor(0x55, 0x60, 0x6E)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
BRAND_RGB = RGBColor(0x0B, 0x55, 0x61)
TABLE_FONT_SIZE = Pt(9)
LOGO_HEIGHT = Cm(1.8)


class Fragment:
    """Paragraphs, tables and pictures built with python-docx, inserted verbatim by ``{{p ... }}``.

    docxtpl's own sub-documents need docxcompose; a fragment only needs the
    template's style ids, as its formatting is direct, and the template's part for
    the pictures it holds.
    """

    def __init__(self, template: DocxTemplate):
        self.styles = {style.name: style.style_id for style in template.get_docx().styles}
        self.document = Document()

    def add_paragraph(self, text: str = "", style: str | None = None):
        paragraph = self.document.add_paragraph(text)
        if style in self.styles:
            _set(paragraph._p.get_or_add_pPr(), "w:pStyle", val=self.styles[style])
        return paragraph

    def add_table(self, rows: int, cols: int):
        return self.document.add_table(rows=rows, cols=cols)

    def add_blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            style = {1: "List Bullet", 2: "List Bullet 2"}.get(block.level)
            if style in self.styles:
                paragraph = self.add_paragraph(style=style)
            else:
                paragraph = self.add_paragraph("• " if block.level else "")
            for piece in block.runs:
                run = paragraph.add_run(piece.text)
                run.font.bold = piece.bold or None
                run.font.italic = piece.italic or None

    def add_list(self, block: ItemList) -> None:
        if block.note:
            self.add_paragraph(block.note)
        items = [f"{item.text} : {item.detail}" if item.detail else item.text for item in block.items]
        self.add_blocks(tuple(Block(text, 1) for text in items[:DATA_GAPS_SHOWN]))

    def add_picture(self, template: DocxTemplate, picture, width: int) -> None:
        """A chart, centred, at most the text's width; the image lives in the template's part."""
        width_cm, height_cm = picture.size_cm(max_width_cm=Emu(width).cm)
        inline = template.get_docx().part.new_pic_inline(io.BytesIO(picture.png), Cm(width_cm), Cm(height_cm))
        paragraph = self.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_together = True
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        paragraph.add_run()._r.append(drawing)

    def add_grid(self, grid: OutlineGrid, width: int) -> None:
        table = self.add_table(rows=1 + len(grid.rows), cols=len(grid.all_headers))
        _table_properties(table, inside=LINE, outside=BRAND)
        numeric = (False, *grid.numeric)
        header = table.rows[0]
        _row_flags(header, header=True)
        for cell, text, right in zip(header.cells, grid.all_headers, numeric, strict=True):
            _shade(cell, BRAND)
            _write(cell, text, right=right, bold=True, color=WHITE)
        for row, data in zip(table.rows[1:], grid.rows, strict=True):
            _row_flags(row)
            texts = (data.label, *(cell.text for cell in data.cells))
            previous = (None, *(cell.bracket for cell in data.cells))
            for cell, text, before, right in zip(row.cells, texts, previous, numeric, strict=True):
                if data.is_total:
                    _shade(cell, TOTAL_FILL)
                paragraph = _write(
                    cell,
                    text,
                    right=right,
                    bold=data.is_total,
                    italic=data.is_not_recorded and not right,
                    color=MUTED if data.is_not_recorded and not right else None,
                )
                if before:
                    run = paragraph.add_run(f"\u00a0({before})")
                    run.font.size = Pt(7.5)
                    run.font.color.rgb = MUTED
        _set_widths(table, grid.fitted_widths(Emu(width).cm), width)
        if grid.legend:
            run = self.add_paragraph().add_run(grid.legend)
            run.font.size = Pt(8)
            run.font.italic = True
            run.font.color.rgb = MUTED
        self.add_paragraph().paragraph_format.space_after = Pt(2)

    def __html__(self) -> str:
        body = self.document.element.body
        return "".join(
            etree.tostring(child, encoding="unicode") for child in body if child.tag != qn("w:sectPr")
        )

    def __str__(self) -> str:
        return self.__html__()


def text_width(template: DocxTemplate) -> int:
    """Width between the margins of the template's first page, in EMU."""
    section = template.get_docx().sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def text_fragment(template: DocxTemplate, blocks: tuple[Block, ...]) -> Fragment | str:
    if not blocks:
        return ""
    fragment = Fragment(template)
    fragment.add_blocks(blocks)
    return fragment


def _set(element, tag: str, **attributes) -> OxmlElement:
    child = OxmlElement(tag)
    for name, value in attributes.items():
        child.set(qn(f"w:{name}"), str(value))
    element.append(child)
    return child


def _table_properties(table, *, inside: str, outside: str | None, size: int = 4) -> None:
    properties = table._tbl.tblPr
    for tag in ("w:tblW", "w:tblBorders", "w:tblLayout", "w:tblCellMar", "w:tblStyle"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    _set(properties, "w:tblW", w=5000, type="pct")
    borders = _set(properties, "w:tblBorders")
    for side in ("top", "bottom"):
        if outside:
            _set(borders, f"w:{side}", val="single", sz=8, space=0, color=outside)
        else:
            _set(borders, f"w:{side}", val="nil")
    for side in ("left", "right"):
        _set(borders, f"w:{side}", val="nil")
    _set(borders, "w:insideH", val="single", sz=size, space=0, color=inside)
    _set(borders, "w:insideV", val="single" if not outside else "nil", sz=size, space=0, color=inside)
    _set(properties, "w:tblLayout", type="fixed")
    margins = _set(properties, "w:tblCellMar")
    for side, value in (("top", 40), ("left", 90), ("bottom", 40), ("right", 90)):
        _set(margins, f"w:{side}", w=value, type="dxa")


def _set_widths(table, widths: Sequence[float], total: int) -> None:
    emus = [int(total * width / sum(widths)) for width in widths]
    grid = table._tbl.tblGrid
    for column, emu in zip(grid.findall(qn("w:gridCol")), emus, strict=True):
        column.set(qn("w:w"), str(Emu(emu).twips))
    for row in table.rows:
        for cell, emu in zip(row.cells, emus, strict=True):
            cell.width = Emu(emu)


def _shade(cell, fill: str) -> None:
    _set(cell._tc.get_or_add_tcPr(), "w:shd", val="clear", color="auto", fill=fill)


def _row_flags(row, *, header: bool = False) -> None:
    properties = row._tr.get_or_add_trPr()
    _set(properties, "w:cantSplit")
    if header:
        _set(properties, "w:tblHeader")


def _write(cell, text: str, *, right: bool = False, bold: bool = False, italic: bool = False, color=None):
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = Pt(1)
    paragraph.paragraph_format.space_after = Pt(1)
    paragraph.paragraph_format.line_spacing = 1.0
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.font.size = TABLE_FONT_SIZE
    run.font.bold = bold
    run.font.italic = italic
    if color is not None:
        run.font.color.rgb = color
    return paragraph


def key_figures_fragment(template: DocxTemplate, figures: list[dict], width: int):
    fragment = Fragment(template)
    per_row = 4 if len(figures) > 6 else 3
    lines = [figures[start : start + per_row] for start in range(0, len(figures), per_row)]
    table = fragment.add_table(rows=len(lines), cols=per_row)
    _table_properties(table, inside="FFFFFF", outside=None, size=24)
    for row, line in zip(table.rows, lines, strict=True):
        _row_flags(row)
        for index, cell in enumerate(row.cells):
            if index >= len(line):
                continue
            label, value = line[index]["label"], line[index]["value"]
            _shade(cell, CARD_FILL)
            number = _write(cell, value, bold=True, color=BRAND_RGB)
            number.runs[0].font.size = Pt(18)
            caption = cell.add_paragraph()
            caption.paragraph_format.space_after = Pt(3)
            run = caption.add_run(label)
            run.font.size = Pt(8.5)
            run.font.color.rgb = MUTED
    _set_widths(table, [1] * per_row, width)
    return fragment


def funders_fragment(template: DocxTemplate, outline: Outline, width: int):
    """The funders' logos on one line, each centred in an equal cell (its name without a logo)."""
    fragment = Fragment(template)
    table = fragment.add_table(rows=2, cols=len(outline.funders))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_properties(table, inside="FFFFFF", outside=None, size=0)
    for logo_cell, name_cell, funder in zip(
        table.rows[0].cells, table.rows[1].cells, outline.funders, strict=True
    ):
        paragraph = logo_cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if funder.logo is not None:
            # The logo fits a box of the cell's width and LOGO_HEIGHT, keeping its proportions.
            image = Image.from_file(str(funder.logo))
            box_width = width // len(outline.funders) * 4 // 5
            scale = min(box_width / image.width, LOGO_HEIGHT / image.height)
            size = (Emu(int(image.width * scale)), Emu(int(image.height * scale)))
            inline = template.get_docx().part.new_pic_inline(str(funder.logo), *size)
            drawing = OxmlElement("w:drawing")
            drawing.append(inline)
            paragraph.add_run()._r.append(drawing)
        caption = _write(name_cell, funder.name, color=MUTED)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_widths(table, [1] * len(outline.funders), width)
    return fragment
