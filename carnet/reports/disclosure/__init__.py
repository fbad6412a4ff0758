"""The external version of a report: statistical disclosure control.

A report leaving the team carries aggregates only, and no figure in it may single a
youth out. Counts of 1 to threshold − 1 youths are masked (primary cells); so are as few
other figures as needed for no masked figure to be recomputed or proven small from
everything the document publishes, the reports already issued for the same team and
period included (secondary cells). Every masked figure prints the same mark, « s »
(secret statistique), whatever the reason: telling the small ones apart would give them
away. The rule and the method: docs/counting-rules.md, « Secret statistique ».
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..report import ActivityReport, Disclosure, Row
from .masking import MaskedFigure, apply, masked_figures, masked_places
from .ranges import InconsistentFigures
from .selection import Protection, select
from .system import System, add_report, add_sum_of_scopes

__all__ = ["ExternalPlan", "MaskedFigure", "external_plan", "external_version", "with_previous"]


@dataclass(frozen=True)
class ExternalPlan:
    """The external version of a report and, for the team leader, what it masks and why."""

    report: ActivityReport
    figures: tuple[MaskedFigure, ...]

    @property
    def masked(self) -> int:
        return len(self.figures)

    @property
    def for_others(self) -> int:
        return sum(not figure.primary for figure in self.figures)


def external_version(
    report: ActivityReport, *, threshold: int, issued: Sequence[ActivityReport] = ()
) -> ActivityReport:
    return external_plan(report, threshold=threshold, issued=issued).report


def external_plan(
    report: ActivityReport, *, threshold: int, issued: Sequence[ActivityReport] = ()
) -> ExternalPlan:
    """Protect ``report`` on its own and, with ``issued`` (external versions already issued
    for the same team and period at other scopes), as one set with them."""
    alone = _protect([report], threshold=threshold)
    if not issued:
        disclosure = Disclosure(threshold=threshold, masked=_count(alone))
        return _plan(report, alone, disclosure)
    titles = tuple(each.scope.label for each in issued)
    try:
        together = _protect([report, *issued], threshold=threshold)
    except InconsistentFigures:
        disclosure = Disclosure(
            threshold=threshold, masked=_count(alone), issued_with=titles, checked_with_issued=False
        )
        return _plan(report, alone, disclosure)
    before = {together.system.quantities[number].key for number in _own(alone)}
    added = sum(together.system.quantities[number].key not in before for number in _own(together))
    disclosure = Disclosure(
        threshold=threshold, masked=_count(together), added_for_issued=added, issued_with=titles
    )
    return _plan(report, together, disclosure)


def _protect(reports: list[ActivityReport], *, threshold: int) -> Protection:
    """Scope 0 is the report to protect; the others are issued and stay as they are."""
    system = System()
    for number, each in enumerate(reports):
        add_report(system, each, scope=number)
    if len(reports) > 1:
        whole = next((number for number, each in enumerate(reports) if each.scope.commune is None), None)
    if len(reports) > 1 and whole is not None:
        parts = [number for number in range(len(reports)) if number != whole]
        add_sum_of_scopes(system, whole=whole, parts=parts, rest=len(reports))
    published = {
        number
        for number, quantity in enumerate(system.quantities)
        if quantity.scope not in (0, len(reports)) and quantity.places and quantity.value is None
    }
    return select(system, threshold=threshold, free={0}, hidden=published)


def _own(protection: Protection) -> list[int]:
    quantities = protection.system.quantities
    return [
        number for number in protection.hidden if quantities[number].scope == 0 and quantities[number].places
    ]


def _count(protection: Protection) -> int:
    return len(_own(protection))


def _plan(report: ActivityReport, protection: Protection, disclosure: Disclosure) -> ExternalPlan:
    places, without_percent = masked_places(protection, scope=0)
    external = apply(report, places, without_percent, disclosure)
    return ExternalPlan(external, tuple(masked_figures(protection, scope=0)))


def with_previous(current: ActivityReport, previous: ActivityReport) -> ActivityReport:
    """``current`` (an external version) with the figures of ``previous`` (the external
    version of the period before, protected on its own) beside each of its cells. A cell
    masked in either period shows no previous figure: a masked figure hides its change too."""
    before = {cell.key: cell for cell in _cells(previous)}

    def row(r: Row) -> Row:
        cells = []
        for cell in r.cells:
            old = before.get(cell.key)
            hidden = cell.hidden or (old is not None and old.hidden)
            value = None if hidden or old is None else old.value
            cells.append(replace(cell, previous=value, previous_hidden=hidden))
        return replace(r, cells=tuple(cells))

    tables = tuple(
        replace(table, rows=tuple(row(r) for r in table.rows), total=table.total and row(table.total))
        for table in current.tables
    )
    return replace(current, tables=tables, previous_scope=previous.scope)


def _cells(report: ActivityReport):
    return [cell for table in report.tables for row in table.all_rows for cell in row.cells]
