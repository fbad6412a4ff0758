"""The external version of a report: no cell may single a youth out.

A report leaving the team carries aggregates only. A count of fewer than
``threshold`` youths (1 or 2 with the default 3) could point at a person in a
small quartier, so it is hidden; and so are the cells that would let a reader
recompute it from the totals (secondary suppression): in a row whose cells add
up to its first column, and in every column, a hidden cell never stands alone.
Percentages and averages of a hidden count are hidden with it.
"""

from dataclasses import replace

from .model_tables import YOUTH_COUNT_TABLES
from .report import ActivityReport, Row, Table
from .rules import keys

# Tables whose cells count youths, or the interventions of a few youths.
SENSITIVE_TABLES = (*keys.YOUTH_TABLES, keys.DOMAINS, *YOUTH_COUNT_TABLES)
DERIVED = (keys.PERCENT, keys.AVERAGE_AGE)
SEX_COLUMNS = ("H", "F", "NB", keys.NOT_RECORDED)


def external_version(report: ActivityReport, *, threshold: int) -> ActivityReport:
    tables = tuple(
        _suppress(table, threshold) if table.key in SENSITIVE_TABLES else table for table in report.tables
    )
    return replace(report, tables=tables, data_gaps=())


def _suppress(table: Table, threshold: int) -> Table:
    counts = [column.key for column in table.columns if column.key not in DERIVED]
    rows = [row for row in table.rows]
    values = {(row.key, cell.key.column): cell.value for row in table.all_rows for cell in row.cells}
    hidden = {
        (row.key, column)
        for row in table.all_rows
        for column in counts
        if isinstance(values.get((row.key, column)), int) and 0 < values[(row.key, column)] < threshold
    }
    additive_rows = counts[0] not in SEX_COLUMNS and any(column in SEX_COLUMNS for column in counts)
    groups = [[(row.key, column) for row in rows] for column in counts]
    if additive_rows:
        groups += [[(row.key, column) for column in counts] for row in table.all_rows]
    changed = True
    while changed:
        changed = False
        for group in groups:
            if sum(cell in hidden for cell in group) != 1:
                continue
            candidates = [cell for cell in group if cell not in hidden and values.get(cell)]
            if candidates:
                hidden.add(min(candidates, key=lambda cell: values[cell]))
                changed = True
    first = counts[0] if counts else None
    hidden |= {
        (row.key, column)
        for row in table.all_rows
        for column in DERIVED
        if (row.key, first) in hidden or (row.key, column) in hidden
    }

    def masked(row: Row) -> Row:
        cells = tuple(
            replace(cell, value=None, previous=None, hidden=True)
            if (row.key, cell.key.column) in hidden
            else cell
            for cell in row.cells
        )
        return replace(row, cells=cells)

    total = masked(table.total) if table.total is not None else None
    return replace(table, rows=tuple(masked(row) for row in rows), total=total)
