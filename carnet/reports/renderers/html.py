"""The outline as an HTML document: the page shows it, the PDF prints it, the HTML download is it."""

import base64
import mimetypes
from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..presentation import DERIVED_COLUMNS, LinkFor
from .narrative import Block, Run
from .outline import DATA_GAPS_SHOWN, Grid, ItemList, Outline

REPORT_CSS = Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"


def _runs_html(runs: tuple[Run, ...]) -> SafeString:
    """A line's text, escaped, its bold and italic pieces in ``<strong>`` and ``<em>``."""
    pieces = []
    for run in runs:
        piece = escape(run.text)
        if run.italic:
            piece = f"<em>{piece}</em>"
        if run.bold:
            piece = f"<strong>{piece}</strong>"
        pieces.append(piece)
    # Safe: every piece was escaped above.
    return mark_safe("".join(pieces))


def _paragraphs(blocks: tuple[Block, ...]) -> list[dict]:
    """Paragraphs and lists, a nested bullet inside the item before it: what ``<ul>`` needs."""
    parts: list[dict] = []
    for block in blocks:
        text = _runs_html(block.runs)
        if block.level == 0:
            parts.append({"kind": "p", "text": text})
            continue
        if not parts or parts[-1]["kind"] != "ul":
            parts.append({"kind": "ul", "items": []})
        items = parts[-1]["items"]
        if block.level == 2 and items:
            items[-1]["children"].append(text)
        else:
            items.append({"text": text, "children": []})
    return parts


def _grid(grid: Grid, link_for: LinkFor | None, section_title: str) -> dict:
    rows = []
    for row in grid.rows:
        cells = []
        for cell, numeric in zip(row.cells, grid.numeric, strict=True):
            source = cell.cell
            linked = link_for and source is not None and source.value and not source.hidden
            href = link_for(source) if linked and source.key.column not in DERIVED_COLUMNS else None
            cells.append({"text": cell.text, "previous": cell.bracket, "href": href, "numeric": numeric})
        rows.append(
            {
                "label": row.label,
                "cells": cells,
                "is_total": row.is_total,
                "is_not_recorded": row.is_not_recorded,
            }
        )
    return {
        "kind": "table",
        "key": grid.key,
        # A table alone in a section of its own name is not titled twice.
        "caption": "" if grid.title == section_title else grid.title,
        "title": grid.title,
        "legend": grid.legend,
        "headers": [
            {"text": text, "numeric": numeric}
            for text, numeric in zip(grid.all_headers, (False, *grid.numeric), strict=True)
        ],
        "rows": rows,
    }


def _list(block: ItemList, gap_link: Callable[[int], str] | None) -> dict:
    items = [
        {
            "text": item.text,
            "detail": item.detail,
            "href": gap_link(item.youth_id) if gap_link and item.youth_id else None,
        }
        for item in block.items[:DATA_GAPS_SHOWN]
    ]
    return {
        "kind": "list",
        "key": block.key,
        "items": items,
        "note": block.note,
        "more": len(block.items) - len(items),
    }


def _data_uri(path: Path | None) -> str | None:
    """The logo inside the document: the HTML download stands alone, and the page's CSP allows data:."""
    if path is None:
        return None
    kind = mimetypes.guess_type(path.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


def document_context(
    *,
    outline: Outline,
    link_for: LinkFor | None = None,
    gap_link: Callable[[int], str] | None = None,
    interactive: bool = False,
) -> dict:
    sections = []
    for section in outline.sections:
        blocks = []
        for block in section.blocks:
            if block.kind == "narrative":
                blocks.append({"kind": "narrative", "key": block.key, "parts": _paragraphs(block.blocks)})
            elif block.kind == "table":
                blocks.append(_grid(block, link_for, section.title))
            elif block.kind == "chart":
                blocks.append({"kind": "chart", "key": block.key, "title": block.title, "svg": block.svg})
            else:
                blocks.append(_list(block, gap_link))
        sections.append({"key": section.key, "title": section.title, "blocks": blocks})
    funders = [{"name": funder.name, "logo_src": _data_uri(funder.logo)} for funder in outline.funders]
    return {
        "outline": outline,
        "title": f"{outline.title} — {outline.scope_label}",
        "sections": sections,
        "funders": funders,
        "interactive": interactive,
    }


def render_html(*, outline: Outline) -> str:
    """The standalone document (styles included), for download and for the PDF."""
    context = document_context(outline=outline)
    context["report_css"] = REPORT_CSS.read_text()
    return render_to_string("reports/document.html", context)
