"""Draw the installable app's icons (carnet/offline/static/offline/icons/) from the favicon's
design: a white notebook page on Carnet's teal. Run again only to change them:

    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "carnet" / "offline" / "static" / "offline" / "icons"
TEAL, WHITE = (11, 85, 97), (255, 255, 255)
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" \
fill="#0b5561"/><path d="M9 7h11l4 4v14H9z" fill="#fff"/><path d="M12 14h9M12 18h9M12 22h6" \
stroke="#0b5561" stroke-width="2"/></svg>
"""


def draw(size: int, *, maskable: bool) -> Image.Image:
    """The favicon's 32-unit drawing at ``size`` pixels; a maskable icon keeps its drawing
    inside the central 80 % that every launcher shape shows."""
    image = Image.new("RGB" if maskable else "RGBA", (size, size), TEAL if maskable else (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size * 6 // 32, fill=TEAL)
    scale, offset = (size * 0.8 / 32, size * 0.1) if maskable else (size / 32, 0)

    def at(x: float, y: float) -> tuple[float, float]:
        return offset + x * scale, offset + y * scale

    pen.polygon([at(9, 7), at(20, 7), at(24, 11), at(24, 25), at(9, 25)], fill=WHITE)
    for y, end in ((14, 21), (18, 21), (22, 18)):
        pen.line([at(12, y), at(end, y)], fill=TEAL, width=max(1, round(2 * scale)))
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    draw(192, maskable=False).save(ICONS / "icon-192.png", optimize=True)
    draw(512, maskable=False).save(ICONS / "icon-512.png", optimize=True)
    draw(512, maskable=True).save(ICONS / "icon-maskable-512.png", optimize=True)
    (ICONS / "icon.svg").write_text(SVG)


if __name__ == "__main__":
    main()
