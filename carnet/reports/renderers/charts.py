"""Charts of the report as standalone SVG strings: no JavaScript, no library.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that
lists every figure, so a screen reader gets the data the bars show. Labels
are escaped; figures read as in the tables (French formatting, "< 3" for a
count hidden in an external report). Colours are Carnet's (carnet.css).
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from carnet.youths.models import Sex

from ..report import ActivityReport, Cell, Row, Table
from ..rules import keys
from .outline import cell_text

INK = "#1d2733"
MUTED = "#55606e"
LINE = "#d5dbe3"
BRAND = "#0b5561"
ACCENT = "#b4451f"
# White text stays readable (contrast over 4.5:1) on each of these.
SERIES_COLOURS = {"H": BRAND, "F": ACCENT, "NB": "#6a4c93", keys.NOT_RECORDED: "#5f6b78"}
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

WIDTH = 640
ROW_HEIGHT = 30
BAR_HEIGHT = 20
CHAR_WIDTH = 7.2  # average width of a 13px DejaVu Sans character
VALUE_SPACE = 64  # right of the longest bar, for its figure
MAX_LABEL = 38


@dataclass(frozen=True)
class Segment:
    series: str
    cell: Cell


@dataclass(frozen=True)
class Bar:
    label: str
    total: Cell
    segments: tuple[Segment, ...]


def domains_chart(report: ActivityReport) -> str:
    """Interventions by domain worked on: one bar per domain, longest first as in the table."""
    table = report.table(keys.DOMAINS)
    bars = [Bar(row.label, row.cell(keys.INTERVENTIONS), ()) for row in _rows(table, keys.INTERVENTIONS)]
    return _chart(
        title=_("Interventions par domaine travaillé"),
        bars=bars,
        series=(),
        summary_unit=_("interventions"),
    )


def origin_chart(report: ActivityReport) -> str:
    """Youths by origin of the first meeting: one bar per origin."""
    table = report.table(keys.ORIGIN)
    bars = [Bar(row.label, row.cell(keys.YOUTHS), ()) for row in _rows(table, keys.YOUTHS)]
    return _chart(
        title=_("Jeunes par origine de la rencontre"), bars=bars, series=(), summary_unit=_("jeunes")
    )


def age_sex_chart(report: ActivityReport) -> str:
    """Youths by age bracket, each bar split by sex (H, F, NB, not recorded)."""
    table = report.table(keys.AGE)
    columns = {column.key for column in table.columns}
    rows = _rows(table, keys.YOUTHS)
    series = tuple(
        key
        for key in SERIES_COLOURS
        if key in columns and (key in ("H", "F") or any(_value(row.cell(key)) for row in rows))
    )
    bars = [
        Bar(row.label, row.cell(keys.YOUTHS), tuple(Segment(key, row.cell(key)) for key in series))
        for row in rows
    ]
    return _chart(
        title=_("Jeunes par tranche d'âge et par sexe"), bars=bars, series=series, summary_unit=_("jeunes")
    )


def _rows(table: Table, column: str) -> list[Row]:
    """The table's rows, without the total; a "Non renseigné" or "Hors tranches" row only when not empty."""
    fixed = (keys.NOT_RECORDED, keys.OUTSIDE_BRACKETS)
    return [
        row
        for row in table.rows
        if row.key not in fixed or _value(row.cell(column)) or row.cell(column).hidden
    ]


def _value(cell: Cell) -> float:
    return 0 if cell.value is None or cell.hidden else float(cell.value)


def _series_label(key: str) -> str:
    if key == keys.NOT_RECORDED:
        return _("Non renseigné")
    return str(Sex(key).label)


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _attribute(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _chart(*, title: str, bars: list[Bar], series: tuple[str, ...], summary_unit: str) -> str:
    label_width = int(min(MAX_LABEL, max([len(bar.label) for bar in bars] + [6])) * CHAR_WIDTH) + 12
    legend_height = 30 if series else 0
    top = 8 + legend_height
    height = top + max(1, len(bars)) * ROW_HEIGHT + 10
    plot = WIDTH - label_width - VALUE_SPACE
    largest = max([_value(bar.total) for bar in bars] + [1])
    parts = []
    if series:
        parts.append(_legend(series, x=label_width))
    if not bars or not any(_value(bar.total) for bar in bars):
        parts.append(
            f'<text x="{label_width}" y="{top + 20}" fill="{MUTED}">'
            f"{escape(_('Aucune donnée pour cette période.'))}</text>"
        )
    for index, bar in enumerate(bars):
        y = top + index * ROW_HEIGHT
        parts.append(_bar(bar, y=y, x=label_width, plot=plot, largest=largest))
    parts.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 6}" stroke="{LINE}"/>'
    )
    description = "; ".join(f"{bar.label} : {cell_text(bar.total)}" for bar in bars)
    if series:
        description += (
            ". "
            + _("Par sexe : ")
            + "; ".join(
                f"{bar.label} : "
                + ", ".join(f"{_series_label(s.series)} {cell_text(s.cell)}" for s in bar.segments)
                for bar in bars
            )
        )
    label = f"{title} ({summary_unit})"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_attribute(label)}" '
        f'font-family="{FONT}" font-size="13">'
        f"<title>{escape(label)}</title><desc>{escape(description)}.</desc>" + "".join(parts) + "</svg>"
    )


def _legend(series: tuple[str, ...], *, x: int) -> str:
    items = []
    for key in series:
        text = _series_label(key)
        items.append(
            f'<rect x="{x}" y="6" width="14" height="14" rx="2" fill="{SERIES_COLOURS[key]}"/>'
            f'<text x="{x + 20}" y="18" fill="{INK}">{escape(text)}</text>'
        )
        x += 20 + int(len(text) * CHAR_WIDTH * 1.1) + 24
    return f'<g aria-hidden="true">{"".join(items)}</g>'


def _bar(bar: Bar, *, y: int, x: int, plot: int, largest: float) -> str:
    middle = y + ROW_HEIGHT / 2
    parts = [
        f"<title>{escape(bar.label)} : {escape(cell_text(bar.total))}</title>",
        f'<text x="{x - 8}" y="{middle + 4.5:.1f}" text-anchor="end" fill="{INK}">'
        f"{escape(_shorten(bar.label))}</text>",
    ]
    segments = bar.segments or (Segment("", bar.total),)
    left = float(x)
    for segment in segments:
        width = plot * _value(segment.cell) / largest
        if width <= 0:
            continue
        colour = SERIES_COLOURS.get(segment.series, BRAND)
        parts.append(
            f'<rect class="bar" x="{left:.1f}" y="{middle - BAR_HEIGHT / 2:.1f}" width="{width:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{colour}"/>'
        )
        text = cell_text(segment.cell)
        if bar.segments and width >= len(text) * CHAR_WIDTH + 8:
            parts.append(
                f'<text x="{left + width / 2:.1f}" y="{middle + 4.5:.1f}" text-anchor="middle" '
                f'fill="#ffffff" font-size="12">{escape(text)}</text>'
            )
        left += width
    parts.append(
        f'<text x="{left + 6:.1f}" y="{middle + 4.5:.1f}" fill="{INK}" font-weight="bold">'
        f"{escape(cell_text(bar.total))}</text>"
    )
    return f'<g class="row">{"".join(parts)}</g>'
