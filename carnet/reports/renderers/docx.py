"""The report as a Word document, filled from a template an association can replace.

The template is a .docx with Jinja tags (docxtpl): Carnet ships
``templates_office/bilan.docx`` (written by ``scripts/make_docx_template.py``);
the CARNET_DOCX_TEMPLATE setting points to another one. Tables and texts
arrive ready to insert (``{{p table.grid }}``), and also as plain data for a
template that lays them out itself (``{%tr for row in table.rows %}``).

Context of the template (texts already formatted in French):

- ``title`` ("Bilan d'activité"), ``organisation``, ``team``, ``team_short_name``,
  ``commune`` ("" for the whole team), ``period`` ("du 9 mai 2023 au 31 décembre 2023"),
  ``scope_label``, ``start``, ``end`` (dd/mm/yyyy), ``generated_on``;
- ``previous_period`` and ``comparison_note`` ("" without comparison);
- ``funders``: names of the funders chosen for this report;
- ``youths``, ``youths_in_contact``; ``key_figures``: list of {label, value};
  ``key_figures_table``: the same as a table to insert with ``{{p ... }}`` (with the
  note on masked figures of an external version under it);
- ``disclosure_legend`` and ``disclosure_note``: the legend of the mark « s » of masked
  figures, and the full note, in an external version ("" otherwise); each table's
  ``grid`` carries the legend under it when it holds a mark;
- ``narrative``: section key → text as typed ("mise_en_place", "action_generale",
  "actions_specifiques", "perspectives", "plus_value"); ``narrative_doc``: the same
  keys → paragraphs and bullets to insert with ``{{p ... }}`` ("" when empty);
- ``tables``: every table in the report's order; ``tables_by_key``: the same by key
  (``tables_by_key.domains``). A table is {key, title, heading, headers, rows, grid}:
  ``grid`` is the formatted Word table; ``rows`` are {label, cells, previous, by_column,
  is_total, is_not_recorded}, ``cells`` the figures in column order, ``by_column`` the
  figures by column key ("youths", "H", "F", "NB", "percent"...);
- ``chapters``: the seed's reading order, each {key, title, text, tables,
  show_actions, show_partners}; ``text`` the narrative to insert with ``{{p ... }}``;
- ``actions``: list of {title, type, category, dates, sessions, days, role, participants};
  ``actions_table``: the same as a Word table;
- ``partners``: names of the partners mobilised in the period.
"""

import io
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, RGBColor
from docxtpl import DocxTemplate
from lxml import etree

from ..models import NarrativeSection
from ..presentation import disclosure_legend, disclosure_note, format_value
from ..report import ActivityReport
from ..rules import keys
from . import outline
from .printable import printable_inputs

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates_office" / "bilan.docx"

BRAND = "0B5561"
LINE = "D5DBE3"
TOTAL_FILL = "E3EEF0"
CARD_FILL = "EEF4F5"
MUTED = RGBColor(0x55, 0x60, 0x6E)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
BRAND_RGB = RGBColor(0x0B, 0x55, 0x61)
TABLE_FONT_SIZE = Pt(9)


def template_path_setting() -> Path:
    return Path(getattr(settings, "CARNET_DOCX_TEMPLATE", None) or DEFAULT_TEMPLATE)


def render_docx(
    *,
    report: ActivityReport,
    narrative: dict[str, str] | None = None,
    template_path: str | Path | None = None,
    funders: Sequence[str] = (),
) -> bytes:
    """The report filled into ``template_path`` (default: the CARNET_DOCX_TEMPLATE setting)."""
    report, narrative, funders = printable_inputs(report, narrative, funders)
    template = DocxTemplate(str(template_path or template_path_setting()))
    template.render(
        docx_context(template, report=report, narrative=narrative, funders=funders), autoescape=True
    )
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()


def docx_context(
    template: DocxTemplate,
    *,
    report: ActivityReport,
    narrative: dict[str, str] | None = None,
    funders: Sequence[str] = (),
) -> dict:
    narrative = {key: (narrative or {}).get(key) or "" for key in NarrativeSection.values}
    scope = report.scope
    compared = report.previous_scope is not None
    width = _text_width(template)
    chapters = outline.chapters(report, narrative)
    tables = {}
    chapter_contexts = []
    for chapter in chapters:
        chapter_tables = []
        for grid in chapter.grids:
            heading = grid.title if grid.title != chapter.title else ""
            tables[grid.key] = _table_context(template, grid, heading, width)
            chapter_tables.append(tables[grid.key])
        chapter_contexts.append(
            {
                "key": chapter.key,
                "title": chapter.title,
                "text": _text_fragment(template, chapter.blocks),
                "tables": chapter_tables,
                "show_actions": chapter.show_actions,
                "show_partners": chapter.show_partners,
            }
        )
    # Tables in the report's order, whatever chapter they are printed in.
    ordered = [tables[table.key] for table in report.tables if table.key in tables]
    figures = [
        (label, format_value(value, column=keys.COUNT)) for label, value in outline.key_figures(report)
    ]
    actions = outline.actions_grid(report.actions)
    youths, in_contact = outline.published_youths(report)
    return {
        "title": _("Bilan d'activité"),
        "organisation": scope.owner.name,
        "team": scope.name,
        "team_short_name": scope.short_name,
        "commune": scope.commune.name if scope.commune else "",
        "period": outline.period_text(scope),
        "scope_label": scope.label,
        "start": outline.short_date(scope.start),
        "end": outline.short_date(scope.end),
        "generated_on": outline.short_date(timezone.localdate()),
        "previous_period": outline.period_text(report.previous_scope) if compared else "",
        "comparison_note": outline.comparison_note(report),
        "funders": list(funders),
        "youths": format_value(youths, column=keys.YOUTHS),
        "youths_in_contact": format_value(in_contact, column=keys.YOUTHS),
        "disclosure_legend": disclosure_legend(report),
        "disclosure_note": disclosure_note(report),
        "key_figures": [{"label": label, "value": value} for label, value in figures],
        "key_figures_table": _key_figures_fragment(template, figures, width, disclosure_note(report)),
        "narrative": narrative,
        "narrative_doc": {
            key: _text_fragment(template, outline.narrative_blocks(text)) for key, text in narrative.items()
        },
        "tables": ordered,
        "tables_by_key": tables,
        "chapters": chapter_contexts,
        "actions": [
            {
                "title": action.title,
                "type": action.action_type,
                "category": action.category,
                "dates": outline.action_dates(action),
                "sessions": format_value(action.actions, column=keys.ACTIONS),
                "days": format_value(action.days, column=keys.DAYS),
                "role": action.role,
                "participants": format_value(action.participants, column=keys.YOUTHS),
            }
            for action in report.actions
        ],
        "actions_table": _grid_fragment(template, actions, width) if report.actions else "",
        "partners": list(report.partners),
    }


def _table_context(template: DocxTemplate, grid: outline.Grid, heading: str, width: int) -> dict:
    return {
        "key": grid.key,
        "title": grid.title,
        "heading": heading,
        "headers": list(grid.headers),
        "rows": [
            {
                "label": row.label,
                "cells": list(row.cells),
                "previous": list(row.previous) if row.previous is not None else None,
                "by_column": dict(zip(grid.column_keys, row.cells, strict=True)),
                "is_total": row.is_total,
                "is_not_recorded": row.is_not_recorded,
            }
            for row in grid.rows
        ],
        "grid": _grid_fragment(template, grid, width),
    }


# Word tables, formatted directly so they look the same in any template.


class Fragment:
    """Paragraphs and tables built with python-docx, inserted verbatim by ``{{p ... }}``.

    docxtpl's own sub-documents need docxcompose; a fragment only needs the
    template's style ids, as its formatting is direct.
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

    def __html__(self) -> str:
        body = self.document.element.body
        return "".join(
            etree.tostring(child, encoding="unicode") for child in body if child.tag != qn("w:sectPr")
        )

    def __str__(self) -> str:
        return self.__html__()


def _text_width(template: DocxTemplate) -> int:
    """Width between the margins of the template's first page, in EMU."""
    section = template.get_docx().sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def _text_fragment(template: DocxTemplate, blocks: tuple[outline.Block, ...]) -> Fragment | str:
    if not blocks:
        return ""
    fragment = Fragment(template)
    for block in blocks:
        style = {1: "List Bullet", 2: "List Bullet 2"}.get(block.level)
        if style in fragment.styles:
            fragment.add_paragraph(block.text, style=style)
        else:
            fragment.add_paragraph(("• " if block.level else "") + block.text)
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


def _set_widths(table, widths: Sequence[int], total: int) -> None:
    emus = [total * width // sum(widths) for width in widths]
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


def _grid_fragment(template: DocxTemplate, grid: outline.Grid, width: int):
    fragment = Fragment(template)
    table = fragment.add_table(rows=1 + len(grid.rows), cols=len(grid.headers))
    _table_properties(table, inside=LINE, outside=BRAND)
    header = table.rows[0]
    _row_flags(header, header=True)
    for cell, text, numeric in zip(header.cells, grid.headers, grid.numeric, strict=True):
        _shade(cell, BRAND)
        _write(cell, text, right=numeric, bold=True, color=WHITE)
    for row, data in zip(table.rows[1:], grid.rows, strict=True):
        _row_flags(row)
        texts = (data.label, *data.cells)
        previous = (None, *(data.previous or [None] * len(data.cells)))
        for cell, text, before, numeric in zip(row.cells, texts, previous, grid.numeric, strict=True):
            if data.is_total:
                _shade(cell, TOTAL_FILL)
            paragraph = _write(
                cell,
                text,
                right=numeric,
                bold=data.is_total,
                italic=data.is_not_recorded and not numeric,
                color=MUTED if data.is_not_recorded and not numeric else None,
            )
            if before:
                run = paragraph.add_run(f" ({before})")
                run.font.size = Pt(7.5)
                run.font.color.rgb = MUTED
    _set_widths(table, grid.widths, width)
    if grid.legend:
        _legend(fragment, grid.legend)
    fragment.add_paragraph().paragraph_format.space_after = Pt(2)
    return fragment


def _legend(fragment: Fragment, text: str) -> None:
    run = fragment.add_paragraph().add_run(text)
    run.font.size = Pt(8)
    run.font.italic = True
    run.font.color.rgb = MUTED


def _key_figures_fragment(template: DocxTemplate, figures: list[tuple[str, str]], width: int, note: str = ""):
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
            label, value = line[index]
            _shade(cell, CARD_FILL)
            number = _write(cell, value, bold=True, color=BRAND_RGB)
            number.runs[0].font.size = Pt(18)
            caption = cell.add_paragraph()
            caption.paragraph_format.space_after = Pt(3)
            run = caption.add_run(label)
            run.font.size = Pt(8.5)
            run.font.color.rgb = MUTED
    _set_widths(table, [1] * per_row, width)
    if note:
        _legend(fragment, note)
    return fragment
