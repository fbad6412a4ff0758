"""A report as plain JSON data, to freeze it when it is issued."""

import datetime
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

from .report import ActivityReport
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
