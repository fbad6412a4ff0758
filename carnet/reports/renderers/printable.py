"""Texts every document format can hold, whatever was typed or pasted into Carnet.

XML (XLSX, DOCX, ODT) refuses most control characters: a vertical tab pasted from
Word ("\\x0b", its manual line break) in a youth's name, an action's title or a
narrative made the renderers fail. ``services.render`` passes the outline through
``printable_outline`` before any renderer reads it.
"""

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

from .outline_parts import Outline

# Word's manual line break and page break read as line breaks; the other characters XML 1.0
# refuses (C0 controls but tab and line ends, and the two non-characters) are dropped.
_LINE_BREAKS = re.compile("[\x0b\x0c]")
_REFUSED = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    if not _LINE_BREAKS.search(text) and not _REFUSED.search(text):
        return text
    return _REFUSED.sub("", _LINE_BREAKS.sub("\n", text))


def printable_outline(outline: Outline) -> Outline:
    """The outline with every text made printable (the report's names, titles, the team's
    texts, the funders' names): every renderer reads it."""
    return _printable(outline)


def _printable(value: Any) -> Any:
    # Exactly str: a TextChoices member (a str too) keeps its type and label.
    if type(value) is str:
        return printable(value)
    if isinstance(value, tuple):
        return tuple(_printable(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(
            value,
            **{field.name: _printable(getattr(value, field.name)) for field in fields(value) if field.init},
        )
    return value
