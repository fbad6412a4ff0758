"""How a report's figures read: one formatting of numbers for the page, the PDF
and every office format, and the layout data the document template displays."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .report import ActivityReport, Cell, Table
from .rules import keys

# Columns that are not counts of records: a percentage, an average, a sum of hours or days.
DERIVED_COLUMNS = {keys.PERCENT, keys.AVERAGE_AGE}
NOT_APPLICABLE = "—"


def hidden_text(column: str) -> str:
    """What a hidden cell of an external report reads: "< 3" for a count."""
    if column in DERIVED_COLUMNS:
        return NOT_APPLICABLE
    return _("< %(threshold)s") % {"threshold": settings.CARNET_SMALL_COUNT_THRESHOLD}


def format_value(value, *, column: str) -> str:
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral() else value.quantize(Decimal("0.1"))
        text = number_format(value, decimal_pos=0 if value == value.to_integral() else 1, force_grouping=True)
    else:
        text = number_format(value, force_grouping=True)
    if column == keys.PERCENT:
        return f"{text}\u202f%"
    if column == keys.AVERAGE_AGE:
        return _("%(age)s ans") % {"age": text}
    return text


@dataclass(frozen=True)
class CellView:
    text: str
    href: str | None
    previous: str | None


@dataclass(frozen=True)
class RowView:
    label: str
    cells: tuple[CellView, ...]
    is_total: bool
    is_not_recorded: bool


@dataclass(frozen=True)
class TableView:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[RowView, ...]
    compared: bool


LinkFor = Callable[[Cell], str | None]


def table_view(table: Table, *, link_for: LinkFor | None = None, compared: bool = False) -> TableView:
    headers = []
    for column in table.columns:
        headers.append(column.label)
        if compared:
            headers.append(_("%(column)s (période précédente)") % {"column": column.label})

    def cell_view(cell: Cell) -> CellView:
        column = cell.key.column
        href = link_for(cell) if link_for and cell.value and column not in DERIVED_COLUMNS else None
        if cell.hidden:
            return CellView(hidden_text(column), None, hidden_text(column) if compared else None)
        previous = format_value(cell.previous, column=column) if compared else None
        return CellView(format_value(cell.value, column=column), href, previous)

    rows = tuple(
        RowView(
            label=row.label,
            cells=tuple(cell_view(cell) for cell in row.cells),
            is_total=row.key == keys.TOTAL,
            is_not_recorded=row.key in (keys.NOT_RECORDED, keys.OUTSIDE_BRACKETS),
        )
        for row in table.all_rows
    )
    return TableView(table.key, table.title, tuple(headers), rows, compared)


def report_tables(report: ActivityReport, *, link_for: LinkFor | None = None) -> list[TableView]:
    compared = report.previous_scope is not None
    return [table_view(table, link_for=link_for, compared=compared) for table in report.tables]
