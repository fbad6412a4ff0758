"""Texts every document format can hold, whatever was typed or pasted into Carnet, set in
French typography.

XML (XLSX, DOCX, ODT) refuses most control characters: a vertical tab pasted from
Word ("\\x0b", its manual line break) in a youth's name, an action's title or a
narrative made the renderers fail. ``services.render`` passes the outline through
``printable_outline`` before any renderer reads it; the same pass sets the texts in French
typography (``french``), so that every format prints them alike.
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


NO_BREAK_SPACE = "\u00a0"  # before « : » and inside « »
NARROW_NO_BREAK_SPACE = "\u202f"  # before « ; ! ? » and « % »
# A straight apostrophe between two letters (« d'accompagnement », « aujourd'hui »).
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
# The space typed before a high punctuation mark, or inside guillemets, that a line must not
# break at; a space is added where the mark touches its word (« Note: », « «oui» »).
_BEFORE_COLON = re.compile(r"(?<=[^\s\d/])[ \t]*:(?=\s|$)")
_BEFORE_MARK = re.compile(r"(?<=\S)[ \t]*([;!?])(?=\s|$)")
_BEFORE_PERCENT = re.compile(r"(?<=\d)[ \t]*%")
_OPENING = re.compile("«[ \t\u00a0\u202f]*")
_CLOSING = re.compile("[ \t\u00a0\u202f]*»")


def french(text: str) -> str:
    """``text`` in French typography: typographic apostrophes, a no-break space before « : »
    and inside « », a narrow one before « ; ! ? » and « % ». Times (10:30), addresses
    (https://) and marks already preceded by a no-break space are left as they are."""
    if not any(mark in text for mark in "':;!?%«»"):
        return text
    text = _APOSTROPHE.sub("\u2019", text)
    text = _BEFORE_COLON.sub(NO_BREAK_SPACE + ":", text)
    text = _BEFORE_MARK.sub(lambda match: NARROW_NO_BREAK_SPACE + match.group(1), text)
    text = _BEFORE_PERCENT.sub(NARROW_NO_BREAK_SPACE + "%", text)
    text = _OPENING.sub("«" + NO_BREAK_SPACE, text)
    return _CLOSING.sub(NO_BREAK_SPACE + "»", text)


def printable_outline(outline: Outline) -> Outline:
    """The outline with every text made printable and set in French typography (the report's
    names, titles, the team's texts, the funders' names): every renderer reads it."""
    return _printable(outline)


# Not texts a reader reads: keys, addresses, the chart's markup, the narrative's source.
_NOT_PROSE = frozenset({"key", "kind", "href", "svg", "source", "logo", "slug", "column"})


def _printable(value: Any, *, prose: bool = True) -> Any:
    # Exactly str: a TextChoices member (a str too) keeps its type and label.
    if type(value) is str:
        return french(printable(value)) if prose else printable(value)
    if isinstance(value, tuple):
        return tuple(_printable(item, prose=prose) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(
            value,
            **{
                field.name: _printable(getattr(value, field.name), prose=field.name not in _NOT_PROSE)
                for field in fields(value)
                if field.init
            },
        )
    return value
