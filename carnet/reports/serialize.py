"""A report as plain JSON data, to freeze it when it is issued."""

import datetime
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

from .report import ActivityReport, Cell, CellKey, Column, Row, Table
from .scope import ReportScope


def report_to_data(report: ActivityReport) -> dict[str, Any]:
    return _plain(report)


def _plain(value: Any) -> Any:
    if isinstance(value, ReportScope):
        return {
            "team": value.name,
            "team_id": value.team.pk if value.team else None,
            "commune": value.commune.name if value.commune else None,
            "commune_id": value.commune.pk if value.commune else None,
            "start": value.start.isoformat(),
            "end": value.end.isoformat(),
            "label": value.label,
        }
    if is_dataclass(value):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def tables_from_data(data: dict[str, Any]) -> tuple[Table, ...]:
    """The tables of a frozen report, as published: what a reader of it holds."""

    def row(item: dict) -> Row:
        cells = tuple(
            Cell(
                key=CellKey(**cell["key"]),
                value=_number(cell["value"]),
                hidden=cell.get("hidden", False),
                previous_hidden=cell.get("previous_hidden", False),
            )
            for cell in item["cells"]
        )
        return Row(key=item["key"], label=item["label"], cells=cells)

    return tuple(
        Table(
            key=table["key"],
            title=table["title"],
            columns=tuple(Column(**column) for column in table["columns"]),
            rows=tuple(row(item) for item in table["rows"]),
            total=row(table["total"]) if table.get("total") else None,
            percent_of=table.get("percent_of"),
        )
        for table in data.get("tables", [])
    )


def _number(value: Any) -> Any:
    return Decimal(value) if isinstance(value, str) else value
