"""The report object: what ``build_report`` returns and renderers read.

Everything is a frozen dataclass of plain values (labels already translated),
so a report can be cached, compared or rendered without touching the database.
Every cell knows where it sits (``CellKey``): ``rules.members(scope=..., **cell.key.as_kwargs())``
gives the records it counts.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy

from .scope import ReportScope

CellValue = int | Decimal | None


@dataclass(frozen=True)
class CellKey:
    """Where a cell sits: the table, the row and the column keys."""

    table: str
    row: str
    column: str

    def as_kwargs(self) -> dict[str, str]:
        return {"table": self.table, "row": self.row, "column": self.column}


@dataclass(frozen=True)
class Cell:
    """A figure; ``None`` when it does not apply (a percentage of an unknown value).

    ``previous`` is the same cell over the previous period, when the report was
    built with ``compare_with_previous=True``.
    """

    key: CellKey
    value: CellValue
    previous: CellValue = None
    # Masked in the external version of a report (statistical disclosure control, see
    # disclosure/): the value is gone, the cell prints the mark of the secret.
    hidden: bool = False
    previous_hidden: bool = False


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cells: tuple[Cell, ...]

    def cell(self, column: str) -> Cell:
        for cell in self.cells:
            if cell.key.column == column:
                return cell
        raise KeyError(column)

    def value(self, column: str) -> CellValue:
        return self.cell(column).value


@dataclass(frozen=True)
class Table:
    """A count table: rows in reading order, and a total row when summing makes sense.

    ``percent_of`` is the number the percentages are computed over (None when
    the table has no percentage column).
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    percent_of: int | None = None

    def row(self, key: str) -> Row:
        for row in self.all_rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def cell(self, row: str, column: str) -> Cell:
        return self.row(row).cell(column)

    def value(self, row: str, column: str) -> CellValue:
        return self.cell(row, column).value

    @property
    def all_rows(self) -> tuple[Row, ...]:
        return (*self.rows, self.total) if self.total is not None else self.rows


class Missing(models.TextChoices):
    """What a youth of the report lacks for the youth tables."""

    MODALITY = "modality", gettext_lazy("modalité d'accompagnement")
    SEX = "sex", gettext_lazy("sexe")
    AGE = "age", gettext_lazy("âge")
    ORIGIN = "origin", gettext_lazy("origine de la rencontre")
    SITUATION = "situation", gettext_lazy("situation en fin de période")


@dataclass(frozen=True)
class DataGap:
    """A youth of the report counted in a "Non renseigné" row, and why."""

    youth_id: int
    display_name: str
    missing: tuple[Missing, ...]


@dataclass(frozen=True)
class ActionItem:
    """A line of the report's list of collective actions: the actions of one title, type
    and role (``actions`` of them, from ``start_date`` to ``end_date``)."""

    id: int
    title: str
    action_type: str
    category: str
    start_date: datetime.date
    end_date: datetime.date
    days: int
    role: str
    participants: int
    actions: int = 1


@dataclass(frozen=True)
class Disclosure:
    """What the external version of a report says about its masked figures (never which
    were small themselves). ``added_for_issued`` figures were masked to protect the
    reports already issued for the same team and period (``issued_with``, their titles);
    ``checked_with_issued`` is False when those reports' figures no longer agree with the
    records, so that the set could not be checked as one."""

    threshold: int
    masked: int
    added_for_issued: int = 0
    issued_with: tuple[str, ...] = ()
    checked_with_issued: bool = True


@dataclass(frozen=True)
class ActivityReport:
    """The figures of a bilan d'activité for one scope.

    ``youths`` is the number of youths of the report (rule R1);
    ``youths_in_contact`` those with an accompaniment modality in the period (R2).
    Both are None in an external version that masks them.
    """

    scope: ReportScope
    youths: int | None
    youths_in_contact: int | None
    tables: tuple[Table, ...]
    actions: tuple[ActionItem, ...]
    partners: tuple[str, ...]
    data_gaps: tuple[DataGap, ...]
    previous_scope: ReportScope | None = None
    disclosure: Disclosure | None = None

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def cells(self) -> list[Cell]:
        return [cell for table in self.tables for row in table.all_rows for cell in row.cells]
