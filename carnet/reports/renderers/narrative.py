"""The team's written text, split once into paragraphs and bullets for every format."""

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
