"""The outline as a Word document, filled into a template an association can replace.

The template is a .docx with Jinja tags (docxtpl): Carnet ships
``templates_office/bilan.docx`` (written by ``scripts/make_docx_template.py``);
the CARNET_DOCX_TEMPLATE setting points to another one. Sections, tables, charts and
texts arrive ready to insert (``{{p section.body }}``), and also as plain data for a
template that lays them out itself (``{%tr for row in table.rows %}``).

Context of the template (texts already formatted in French), described for
associations in docs/docx-template.md:

- ``title`` ("Bilan d'activité"), ``organisation``, ``team``, ``team_short_name``,
  ``commune`` ("" for the whole team), ``period`` ("du 9 mai 2023 au 31 décembre 2023"),
  ``scope_label``, ``start``, ``end`` (dd/mm/yyyy), ``generated_on``, ``model``;
- ``previous_period`` and ``comparison_note`` ("" without comparison);
- ``funders``: names of the funders chosen for this report; ``funders_block``: their
  logos side by side (the name where there is no logo), to insert with ``{{p ... }}``;
- ``figures``: every named figure by key (``figures.youths_in_contact``), ``youths`` and
  ``youths_in_contact``; ``key_figures``: the model's list of {key, label, value};
  ``key_figures_table``: the same in boxes;
- ``sections``: the outline's sections in order, each {key, title, body, text, tables}:
  ``body`` everything the section shows (text, tables, charts, lists) to insert with
  ``{{p ... }}``, ``text`` its written part alone, ``tables`` its tables;
- ``narrative``: section key → text as typed; ``narrative_doc``: the same as paragraphs;
- ``tables``: every table in document order; ``tables_by_key``: the same by key
  (``tables_by_key.domains``). A table is {key, title, headers, rows, grid}: ``grid``
  the formatted Word table; ``rows`` are {label, cells, previous, by_column, is_total,
  is_not_recorded};
- ``partners``: names of the partners mobilised in the period; ``actions_table`` the
  collective actions' table (also ``tables_by_key.actions``).
"""

import io
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from docx.shared import Cm, Pt, RGBColor
from docxtpl import DocxTemplate

from .docx_fragment import Fragment, funders_fragment, key_figures_fragment, text_fragment, text_width
from .images import chart_picture
from .outline import Grid as OutlineGrid
from .outline import Outline, short_date

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


def template_path_setting() -> Path:
    return Path(getattr(settings, "CARNET_DOCX_TEMPLATE", None) or DEFAULT_TEMPLATE)


def render_docx(*, outline: Outline, template_path: str | Path | None = None) -> bytes:
    """The outline filled into ``template_path`` (default: the CARNET_DOCX_TEMPLATE setting)."""
    template = DocxTemplate(str(template_path or template_path_setting()))
    template.render(docx_context(template, outline=outline), autoescape=True)
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()


def docx_context(template: DocxTemplate, *, outline: Outline) -> dict:
    width = text_width(template)
    tables = {}
    sections = []
    narrative = {}
    for section in outline.sections:
        body = Fragment(template)
        text = ""
        section_tables = []
        for block in section.blocks:
            if block.kind == "narrative":
                narrative[block.key] = block.text
                text = text_fragment(template, block.blocks)
                body.add_blocks(block.blocks)
            elif block.kind == "table":
                tables[block.key] = _table_context(template, block, width)
                section_tables.append(tables[block.key])
                if block.title != section.title:
                    body.add_paragraph(block.title, style="Heading 2")
                body.add_grid(block, width)
            elif block.kind == "chart":
                body.add_picture(template, chart_picture(block.svg), width)
            else:
                body.add_list(block)
        sections.append(
            {"key": section.key, "title": section.title, "body": body, "text": text, "tables": section_tables}
        )
    figures = [{"key": f.key, "label": f.label, "value": f.text} for f in outline.key_figures]
    partners = next(
        (
            [item.text for item in block.items]
            for section in outline.sections
            for block in section.blocks
            if block.kind == "list" and block.key == "partners"
        ),
        [],
    )
    return {
        "title": outline.title,
        "organisation": outline.organisation,
        "team": outline.team,
        "team_short_name": outline.team_short_name,
        "commune": outline.commune,
        "period": outline.period,
        "scope_label": outline.scope_label,
        "start": short_date(outline.start),
        "end": short_date(outline.end),
        "generated_on": short_date(outline.generated_on),
        "model": outline.model,
        "previous_period": outline.previous_period,
        "comparison_note": outline.comparison_note,
        "disclosure_note": _disclosure_note(outline),
        "funders": [funder.name for funder in outline.funders],
        "funders_block": funders_fragment(template, outline, width) if outline.funders else "",
        "figures": {figure.key: figure.text for figure in outline.figures},
        "youths": next((f.text for f in outline.figures if f.key == "youths"), ""),
        "youths_in_contact": next((f.text for f in outline.figures if f.key == "youths_in_contact"), ""),
        "key_figures": figures,
        "key_figures_table": key_figures_fragment(template, figures, width),
        "sections": sections,
        "chapters": sections,
        "narrative": narrative,
        "narrative_doc": {section["key"]: section["text"] for section in sections},
        "tables": list(tables.values()),
        "tables_by_key": tables,
        "partners": partners,
        "actions_table": tables["actions"]["grid"] if "actions" in tables else "",
    }


def _disclosure_note(outline: Outline) -> str:
    if not outline.external:
        return ""
    return f"{_('Version pour les financeurs.')} {outline.disclosure_note}".strip()


def _table_context(template: DocxTemplate, grid: OutlineGrid, width: int) -> dict:
    fragment = Fragment(template)
    fragment.add_grid(grid, width)
    return {
        "key": grid.key,
        "title": grid.title,
        "heading": grid.title,
        "headers": list(grid.all_headers),
        "rows": [
            {
                "label": row.label,
                "cells": [cell.text for cell in row.cells],
                "previous": [cell.previous or "" for cell in row.cells] if grid.compared else None,
                "by_column": {key: cell.text for key, cell in zip(grid.column_keys, row.cells, strict=True)},
                "is_total": row.is_total,
                "is_not_recorded": row.is_not_recorded,
            }
            for row in grid.rows
        ],
        "grid": fragment,
    }


# Word tables, formatted directly so they look the same in any template.
