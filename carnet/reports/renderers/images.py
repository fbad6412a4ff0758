"""Pictures for the formats that cannot show SVG: the charts as PNG (DOCX, ODT, XLSX)."""

import re
from dataclasses import dataclass
from functools import lru_cache

SIZE = re.compile(r'<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"')
# Twice the SVG's size: sharp when printed at the width of an A4 page.
SCALE = 2


@dataclass(frozen=True)
class Picture:
    png: bytes
    width: int  # in CSS pixels (1/96 inch), the SVG's own size
    height: int

    def size_cm(self, *, max_width_cm: float) -> tuple[float, float]:
        width = min(max_width_cm, self.width * 2.54 / 96)
        return width, width * self.height / self.width


@lru_cache(maxsize=32)
def chart_picture(svg: str) -> Picture:
    # Imported here: cairo is only needed by the formats that embed a picture.
    import cairosvg

    match = SIZE.search(svg)
    if match is None:
        raise ValueError("A chart SVG must give its width and height")
    width, height = int(match.group(1)), int(match.group(2))
    return Picture(cairosvg.svg2png(bytestring=svg.encode(), scale=SCALE), width, height)
