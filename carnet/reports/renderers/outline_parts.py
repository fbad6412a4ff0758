"""The pieces of a report's outline (see ``outline.py``): what every renderer reads."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..presentation import format_value, hidden_text, masks
from ..report import ActionItem, Cell, CellValue, Table
from ..rules import keys
from ..scope import ReportScope, _long_date
from .narrative import Block

# The header of the label column, as the seed names it ("Tranches d'âge", "Origine"...).
ROW_HEADERS = {
    keys.MODALITY: gettext_lazy("Modalité d'accompagnement"),
    keys.AGE: gettext_lazy("Tranches d'âge"),
    keys.SEX: gettext_lazy("Sexe"),
    keys.ORIGIN: gettext_lazy("Origine"),
    keys.SITUATION: gettext_lazy("Situation"),
    keys.DOMAINS: gettext_lazy("Domaines travaillés"),
    keys.ACTION_CATEGORIES: gettext_lazy("Catégorie"),
    keys.ACTION_TYPES: gettext_lazy("Type d'action"),
    keys.DSL: gettext_lazy("Rôle de l'équipe"),
    keys.GENERAL_ACTION: gettext_lazy("Indicateur"),
    keys.PRESENCE: gettext_lazy("Type de présence"),
    keys.MEETINGS: gettext_lazy("Type de réunion"),
    keys.PAEI_GOALS: gettext_lazy("Domaine"),
    keys.DIAGNOSTICS: gettext_lazy("Quartier"),
}
CHART_TITLES = {
    keys.DOMAINS: gettext_lazy("Interventions par domaine travaillé"),
    keys.AGE: gettext_lazy("Jeunes par tranche d'âge et par sexe"),
    keys.ORIGIN: gettext_lazy("Jeunes par origine de la rencontre"),
}
ACTIONS = "actions"
PARTNERS = "partners"
DATA_GAPS = "donnees_manquantes"
# A document lists the first youths with missing data; the XLSX and JSON list them all.
DATA_GAPS_SHOWN = 100


@dataclass(frozen=True)
class FigureCell:
    """A cell as printed; ``value`` is the raw figure (for XLSX and JSON), ``cell`` the
    report's cell behind it when there is one (for drill-down links)."""

    text: str
    value: object = None
    previous: str | None = None  # the previous period's figure, when compared
    cell: Cell | None = None
    change: str = ""  # « +17, +21 % », when compared and the figure changed

    @property
    def bracket(self) -> str:
        """What follows the figure in brackets: « 80, +17, +21 % »."""
        return ", ".join(part for part in (self.previous, self.change) if part)


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: tuple[FigureCell, ...]
    is_total: bool = False
    is_not_recorded: bool = False


@dataclass(frozen=True)
class Grid:
    """A table: the label column's header, the figure columns' headers, the rows."""

    key: str
    title: str
    row_header: str
    headers: tuple[str, ...]
    rows: tuple[GridRow, ...]
    numeric: tuple[bool, ...]  # per figure column
    column_keys: tuple[str, ...]
    legend: str = ""  # the legend of the mark « s », under a table that holds one
    kind: str = field(default="table", init=False)

    @property
    def all_headers(self) -> tuple[str, ...]:
        return (self.row_header, *self.headers)

    @property
    def compared(self) -> bool:
        return any(cell.previous is not None for row in self.rows for cell in row.cells)

    def fitted_widths(self, total_cm: float) -> tuple[float, ...]:
        """Widths of the columns in centimetres, label column first (see ``fitted_widths``)."""
        return fitted_widths(self, total_cm)


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str
    kind: str = field(default="chart", init=False)


@dataclass(frozen=True)
class ListItem:
    text: str
    detail: str = ""
    youth_id: int | None = None


@dataclass(frozen=True)
class ItemList:
    key: str
    items: tuple[ListItem, ...]
    note: str = ""
    kind: str = field(default="list", init=False)


@dataclass(frozen=True)
class Narrative:
    """The team's text of a section; ``key`` is where the draft stores it, ``source`` the text
    as written (live figures as ``{tokens}``), ``text`` and ``blocks`` with their values."""

    key: str
    blocks: tuple[Block, ...]
    source: str = ""
    text: str = ""
    kind: str = field(default="narrative", init=False)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple  # of Grid, Chart, ItemList, Narrative

    def tables(self) -> tuple[Grid, ...]:
        return tuple(block for block in self.blocks if block.kind == "table")


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    text: str
    value: CellValue
    previous: str | None = None
    change: str = ""

    @property
    def bracket(self) -> str:
        return ", ".join(part for part in (self.previous, self.change) if part)


@dataclass(frozen=True)
class FunderMark:
    name: str
    logo: Path | None = None


@dataclass(frozen=True)
class Outline:
    title: str
    organisation: str
    team: str
    team_short_name: str
    commune: str
    period: str  # "du 9 mai 2023 au 31 décembre 2023"
    scope_label: str
    start: datetime.date
    end: datetime.date
    generated_on: datetime.date
    model: str
    funders: tuple[FunderMark, ...]
    key_figures: tuple[KeyFigure, ...]
    sections: tuple[Section, ...]
    figures: tuple[KeyFigure, ...] = ()  # every named figure of the report (figures.py)
    external: bool = False
    threshold: int = 0
    disclosure_note: str = ""  # the legend of « s » and what else was masked, in an external version
    disclosure_legend: str = ""  # the legend alone, on every sheet of an external workbook
    comparison_note: str = ""
    previous_period: str = ""

    def grids(self) -> list[Grid]:
        return [grid for section in self.sections for grid in section.tables()]


def period_text(scope: ReportScope) -> str:
    """E.g. "du 9 mai 2023 au 31 décembre 2023": the same words as ``ReportScope.label``."""
    return _("du %(start)s au %(end)s") % {"start": _long_date(scope.start), "end": _long_date(scope.end)}


def short_date(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def cell_text(cell: Cell) -> str:
    """A figure as printed: the mark « s » for a figure masked in an external report."""
    column = cell.key.column
    return hidden_text(column) if cell.hidden else format_value(cell.value, column=column)


def previous_text(cell: Cell) -> str:
    if cell.previous_hidden:
        return hidden_text()
    if cell.previous is None:
        return ""
    return format_value(cell.previous, column=cell.key.column)


# A change in per cent says something only over a figure large enough, and when it is large
# enough itself: « +1, +50 % » over 2 youths, or « +1 %», would only be noise.
MEANINGFUL_BASE = 10
MEANINGFUL_PERCENT = 5


def change_text(cell: Cell) -> str:
    """« +17, +21 % », « −3 »: how a figure moved since the previous period; nothing when it did
    not, when either value is unknown or hidden, or for a share (a percentage of a total)."""
    if cell.hidden or cell.previous_hidden or cell.previous is None or cell.value is None:
        return ""
    if cell.key.column == keys.PERCENT:
        return ""
    if not isinstance(cell.value, int | Decimal) or not isinstance(cell.previous, int | Decimal):
        return ""
    change = cell.value - cell.previous
    if not change:
        return ""
    sign = "+" if change > 0 else "\u2212"
    text = f"{sign}{format_value(abs(change), column=cell.key.column)}"
    if cell.previous >= MEANINGFUL_BASE:
        percent = round(abs(change) * 100 / cell.previous)
        if percent >= MEANINGFUL_PERCENT:
            text += f", {sign}{percent}\u00a0%"
    return text


def table_grid(table: Table, *, compared: bool = False, legend: str = "") -> Grid:
    columns = [column.key for column in table.columns]

    def figure(cell: Cell) -> FigureCell:
        previous = previous_text(cell) if compared else None
        change = change_text(cell) if compared else ""
        return FigureCell(cell_text(cell), None if cell.hidden else cell.value, previous, cell, change)

    rows = tuple(
        GridRow(
            label=row.label,
            cells=tuple(figure(row.cell(column)) for column in columns),
            is_total=row.key == keys.TOTAL,
            is_not_recorded=row.key in (keys.NOT_RECORDED, keys.OUTSIDE_BRACKETS),
        )
        for row in table.all_rows
    )
    return Grid(
        key=table.key,
        title=table.title,
        row_header=str(ROW_HEADERS.get(table.key, "")),
        headers=tuple(column.label for column in table.columns),
        rows=rows,
        numeric=tuple(True for _column in columns),
        column_keys=tuple(columns),
        legend=legend if masks(table) else "",
    )


def column_weights(grid: Grid) -> tuple[int, ...]:
    """Relative column widths, in characters: the longest text, and a header never cut inside
    a word (its longest word fits; it may wrap between words, on two lines at most)."""
    weights = []
    for index, header in enumerate(grid.all_headers):
        if index == 0:
            texts = [row.label for row in grid.rows]
        else:
            texts = [
                row.cells[index - 1].text
                + (f" ({row.cells[index - 1].bracket})" if row.cells[index - 1].bracket else "")
                for row in grid.rows
            ]
        # Headers are bold: a little wider than the figures below them.
        longest_word = max((len(word) for word in header.split()), default=0)
        header_width = max(longest_word, (len(header) + 1) // 2) * 6 // 5 + 1
        weights.append(min(40, max([header_width, 5, *(len(text) for text in texts)])) + 3)
    return tuple(weights)


# A bold 9 pt header letter of the documents' sans-serif (DejaVu Sans, Liberation Sans) is at most
# about 0.75 em wide on average over a word (measured: « Séances » 0.66 em, « Nombre » 0.74 em);
# the cell's own margins add about 0.4 cm.
HEADER_CHAR_CM = 0.75 * 9 * 2.54 / 72
CELL_PADDING_CM = 0.4


def fitted_widths(grid: Grid, total_cm: float) -> tuple[float, ...]:
    """Column widths filling ``total_cm``: shared by ``column_weights``, but never narrower than
    the longest word of the column's header, so that a header is never broken inside a word
    (« Séa/nces »), however many columns the table has; the wider columns give the room."""
    weights = column_weights(grid)
    minimum = [
        max((len(word) for word in header.split()), default=0) * HEADER_CHAR_CM + CELL_PADDING_CM
        for header in grid.all_headers
    ]
    scale = total_cm / sum(weights)
    widths = [max(least, weight * scale) for least, weight in zip(minimum, weights, strict=True)]
    excess = sum(widths) - total_cm
    room = [width - least for width, least in zip(widths, minimum, strict=True)]
    if excess > 0 and sum(room) > 0:
        share = min(1.0, excess / sum(room))
        widths = [width - spare * share for width, spare in zip(widths, room, strict=True)]
    return tuple(widths)


def action_dates(action: ActionItem) -> str:
    if action.start_date == action.end_date:
        return short_date(action.start_date)
    return f"{short_date(action.start_date)} – {short_date(action.end_date)}"


def actions_grid(actions: tuple[ActionItem, ...]) -> Grid:
    def number(value: int, column: str) -> FigureCell:
        return FigureCell(format_value(value, column=column), value)

    rows = tuple(
        GridRow(
            label=action.title,
            cells=(
                FigureCell(action.action_type, action.action_type),
                FigureCell(action_dates(action), action_dates(action)),
                number(action.actions, keys.ACTIONS),
                number(action.days, keys.DAYS),
                FigureCell(action.role, action.role),
                number(action.participants, keys.YOUTHS),
            ),
        )
        for action in actions
    )
    return Grid(
        key=ACTIONS,
        title=_("Actions collectives de la période"),
        row_header=_("Action"),
        headers=(_("Type"), _("Dates"), _("Séances"), _("Jours"), _("Rôle"), _("Participants")),
        rows=rows,
        numeric=(False, False, True, True, False, True),
        column_keys=("type", "dates", "sessions", "days", "role", "participants"),
    )
