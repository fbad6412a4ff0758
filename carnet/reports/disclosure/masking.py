"""Lay a protection onto a report: the masked figures hold no value wherever they are
printed, with the percentages and average ages computed from them."""

from dataclasses import dataclass, replace

from ..report import ActivityReport, CellKey, CellValue, Disclosure, Row, Table
from ..rules import keys
from .selection import Protection

# Columns computed from the first count column of their row.
DERIVED = (keys.PERCENT, keys.AVERAGE_AGE)
FIRST_COUNTS = (keys.YOUTHS, keys.INTERVENTIONS)


@dataclass(frozen=True)
class MaskedFigure:
    """A masked figure as the team leader sees it before issuing: where, its true value,
    whether it is small itself, and the range a reader of the published figures is left with."""

    places: tuple[CellKey, ...]
    value: CellValue
    primary: bool
    low: float
    high: float


def masked_places(protection: Protection, *, scope: int) -> tuple[set[CellKey], set[str]]:
    """The cells to mask in the report numbered ``scope`` in the protection, and the
    tables whose whole percentage column goes (it would give a masked figure back)."""
    places: set[CellKey] = set()
    without_percent = set()
    for number in protection.hidden:
        quantity = protection.system.quantities[number]
        if quantity.scope == scope:
            places.update(quantity.places)
            if quantity.percent_base_of:
                without_percent.add(quantity.percent_base_of)
    derived = set()
    for place in places:
        if place.column in FIRST_COUNTS and place.table != keys.GENERAL_ACTION:
            derived |= {CellKey(place.table, place.row, column) for column in DERIVED}
    return places | derived, without_percent


def masked_figures(protection: Protection, *, scope: int) -> list[MaskedFigure]:
    figures = []
    for number in sorted(protection.hidden):
        quantity = protection.system.quantities[number]
        if quantity.scope != scope or not quantity.places:
            continue
        low, high = protection.ranges[number]
        figures.append(
            MaskedFigure(tuple(quantity.places), quantity.value, number in protection.primary, low, high)
        )
    return figures


def apply(
    report: ActivityReport, places: set[CellKey], without_percent: set[str], disclosure: Disclosure
) -> ActivityReport:
    def masked(row: Row) -> Row:
        cells = tuple(
            replace(cell, value=None, previous=None, hidden=True) if cell.key in places else cell
            for cell in row.cells
        )
        return replace(row, cells=cells)

    def table(table: Table) -> Table:
        if not any(place.table == table.key for place in places):
            return table
        return replace(
            table,
            rows=tuple(masked(row) for row in table.rows),
            total=masked(table.total) if table.total is not None else None,
            percent_of=None if table.key in without_percent else table.percent_of,
        )

    general = CellKey(keys.GENERAL_ACTION, keys.YOUTHS_MET, keys.COUNT)
    contact = CellKey(keys.GENERAL_ACTION, keys.YOUTHS_IN_CONTACT, keys.COUNT)
    return replace(
        report,
        tables=tuple(table(each) for each in report.tables),
        youths=None if general in places else report.youths,
        youths_in_contact=None if contact in places else report.youths_in_contact,
        data_gaps=(),
        disclosure=disclosure,
    )
