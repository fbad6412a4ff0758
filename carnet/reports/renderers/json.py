"""The outline as JSON: the figures of a report for another program, schema in docs/report-json.md.

Numbers are JSON numbers (hours and percentages may be decimals, as strings never),
each next to the text a document prints; a count hidden in an external version has no
number, only its text. ``schema`` names the version: a field is never renamed or
removed within a major version.
"""

import json
from decimal import Decimal

from .outline import Grid, Outline

SCHEMA = "carnet-bilan/1.0"


def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, int | float):
        return value
    return None


def _cell(figure) -> dict:
    data = {"text": figure.text, "value": _number(figure.value)}
    if figure.cell is not None:
        data["hidden"] = figure.cell.hidden
        if figure.cell.previous_hidden:
            data["previous_hidden"] = True
        if figure.previous is not None:
            data["previous"] = _number(figure.cell.previous)
            data["previous_text"] = figure.previous
            if figure.change:
                data["change_text"] = figure.change
    return data


def _table(grid: Grid) -> dict:
    return {
        "type": "table",
        "key": grid.key,
        "title": grid.title,
        "row_header": grid.row_header,
        "columns": [
            {"key": key, "label": label, "numeric": numeric}
            for key, label, numeric in zip(grid.column_keys, grid.headers, grid.numeric, strict=True)
        ],
        "rows": [
            {
                "label": row.label,
                "total": row.is_total,
                "not_recorded": row.is_not_recorded,
                "cells": [_cell(cell) for cell in row.cells],
            }
            for row in grid.rows
        ],
        "legend": grid.legend or None,
    }


def _block(block) -> dict:
    if block.kind == "table":
        return _table(block)
    if block.kind == "chart":
        return {"type": "chart", "key": block.key, "title": block.title}
    if block.kind == "narrative":
        return {
            "type": "narrative",
            "key": block.key,
            "text": block.text,
            "paragraphs": [{"text": part.text, "level": part.level} for part in block.blocks],
        }
    return {
        "type": "list",
        "key": block.key,
        "note": block.note,
        "items": [{"text": item.text, "detail": item.detail} for item in block.items],
    }


def outline_data(outline: Outline) -> dict:
    return {
        "schema": SCHEMA,
        "title": outline.title,
        "model": outline.model,
        "organisation": outline.organisation,
        "team": outline.team,
        "commune": outline.commune or None,
        "period": {
            "start": outline.start.isoformat(),
            "end": outline.end.isoformat(),
            "text": outline.period,
        },
        "previous_period": outline.previous_period or None,
        "audience": "external" if outline.external else "internal",
        "small_count_threshold": outline.threshold or None,
        "disclosure_note": outline.disclosure_note or None,
        "generated_on": outline.generated_on.isoformat(),
        "funders": [funder.name for funder in outline.funders],
        "key_figures": [
            {"key": figure.key, "label": figure.label, "value": _number(figure.value), "text": figure.text}
            for figure in outline.key_figures
        ],
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "blocks": [_block(block) for block in section.blocks],
            }
            for section in outline.sections
        ],
    }


def render_json(*, outline: Outline) -> bytes:
    return json.dumps(outline_data(outline), ensure_ascii=False, indent=2).encode()
