"""The team's written text, split once into paragraphs, bullets and bold or italic words for
every format.

The light formatting is a small Markdown subset: "- " starts a bullet, ``**mots**`` are bold,
``*mots*`` italic. markdown-it-py reads the emphasis (with every other rule off, raw HTML
included), and only its plain text pieces are kept: a renderer escapes them as it does any
text, so nothing a team types reaches a document as markup.
"""

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

# The "zero" preset has no rule but plain text; emphasis alone is switched on.
_INLINE = MarkdownIt("zero").enable(["emphasis"])


@dataclass(frozen=True)
class Run:
    """A piece of a line, in bold or italic or neither."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A line of narrative: a paragraph (level 0) or a bullet (level 1, nested 2); ``text`` is
    what it reads (without the ``**``), ``runs`` the same text with its bold and italic pieces."""

    text: str
    level: int = 0
    runs: tuple[Run, ...] = ()

    def __post_init__(self):
        # A line built from plain text (a list's item) is one plain run.
        if not self.runs and self.text:
            object.__setattr__(self, "runs", (Run(self.text),))


def inline_runs(line: str) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    for token in _INLINE.parseInline(line)[0].children or []:
        if token.type in ("strong_open", "strong_close"):
            bold += 1 if token.type == "strong_open" else -1
        elif token.type in ("em_open", "em_close"):
            italic += 1 if token.type == "em_open" else -1
        elif token.content:
            run = Run(token.content, bold > 0, italic > 0)
            if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
                run = Run(runs.pop().text + run.text, run.bold, run.italic)
            runs.append(run)
    return tuple(runs)


def _block(line: str, level: int = 0) -> Block:
    runs = inline_runs(line)
    return Block("".join(run.text for run in runs), level, runs)


def narrative_blocks(text: str) -> tuple[Block, ...]:
    """Lines of ``text``; "- " or "• " starts a bullet, an indented one a nested bullet."""
    blocks = []
    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[:2] in ("- ", "• ", "* ", "– "):
            indented = len(line) - len(line.lstrip()) > 0
            blocks.append(_block(stripped[2:].strip(), 2 if indented else 1))
        else:
            blocks.append(_block(stripped))
    return tuple(blocks)


# A live figure in a narrative: {youths_in_contact} reads « 67 jeunes »,
# {youths_in_contact:nombre} reads « 67 ».
TOKEN = re.compile(r"\{([a-z_]+)(?::(nombre))?\}")


def tokens_in(text: str) -> list[str]:
    return [match.group(1) for match in TOKEN.finditer(text or "")]


def fill_tokens(text: str, figures: dict) -> str:
    """``text`` with each known figure's token replaced by its value, French agreement included;
    an unknown token stays as written (the form refuses it when the text is saved)."""

    def value(match: re.Match) -> str:
        figure = figures.get(match.group(1))
        if figure is None:
            return match.group(0)
        return figure.text if match.group(2) else figure.with_unit()

    return TOKEN.sub(value, text or "")
