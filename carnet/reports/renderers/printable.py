"""Texts every document format can hold, whatever was typed or pasted into Carnet.

XML (XLSX, DOCX, ODT) refuses most control characters: a vertical tab pasted from
Word ("\\x0b", its manual line break) in a youth's name, an action's title or a
narrative made the renderers fail. Every renderer takes the report, the narrative
and the funders through ``printable_inputs`` first.
"""

import copy
import re
from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any

from ..report import ActivityReport
from ..scope import ReportScope

# Word's manual line break and page break read as line breaks; the other characters XML 1.0
# refuses (C0 controls but tab and line ends, and the two non-characters) are dropped.
_LINE_BREAKS = re.compile("[\x0b\x0c]")
_REFUSED = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    if not _LINE_BREAKS.search(text) and not _REFUSED.search(text):
        return text
    return _REFUSED.sub("", _LINE_BREAKS.sub("\n", text))


def printable_inputs(
    report: ActivityReport, narrative: dict[str, str] | None, funders: Sequence[str] = ()
) -> tuple[ActivityReport, dict[str, str], list[str]]:
    """The report, narrative and funders' names with every text made printable."""
    return (
        _printable(report),
        {key: printable(text or "") for key, text in (narrative or {}).items()},
        [printable(name) for name in funders],
    )


def _printable(value: Any) -> Any:
    # Exactly str: a TextChoices member (a str too) keeps its type and label.
    if type(value) is str:
        return printable(value)
    if isinstance(value, ReportScope):
        return _printable_scope(value)
    if isinstance(value, tuple):
        return tuple(_printable(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(
            value, **{field.name: _printable(getattr(value, field.name)) for field in fields(value)}
        )
    return value


def _printable_scope(scope: ReportScope) -> ReportScope:
    """The scope with its team's, organisation's and commune's names made printable (copies:
    the records themselves are left alone)."""
    changes = {}
    for name in ("team", "organisation", "commune"):
        record = getattr(scope, name)
        texts = {"name": record.name, "short_name": getattr(record, "short_name", "")} if record else {}
        if any(printable(text or "") != (text or "") for text in texts.values()):
            record = copy.copy(record)
            for attribute, text in texts.items():
                if text:
                    setattr(record, attribute, printable(text))
            changes[name] = record
    if scope.team is not None and "organisation" not in changes:
        organisation = scope.team.organisation
        if printable(organisation.name) != organisation.name:
            team = copy.copy(changes.get("team", scope.team))
            team.organisation = copy.copy(organisation)
            team.organisation.name = printable(organisation.name)
            changes["team"] = team
    return replace(scope, **changes) if changes else scope
