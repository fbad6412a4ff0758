"""The team's written text, split once into paragraphs and bullets for every format."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Block:
    """A line of narrative: a paragraph (level 0) or a bullet (level 1, nested 2)."""

    text: str
    level: int = 0


def narrative_blocks(text: str) -> tuple[Block, ...]:
    """Lines of ``text``; "- " or "• " starts a bullet, an indented one a nested bullet."""
    blocks = []
    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[:2] in ("- ", "• ", "* ", "– "):
            indented = len(line) - len(line.lstrip()) > 0
            blocks.append(Block(stripped[2:].strip(), 2 if indented else 1))
        else:
            blocks.append(Block(stripped))
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
