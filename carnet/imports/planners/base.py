"""What every planner shares: the plan, refusing a row, finding records by identifier, and
the changes of recorded values, applied only when the user accepts them."""

import datetime
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from carnet.organisations.models import Team
from carnet.youths.models import Youth

from ..reading import RowError, normalise
from ..review import Change, Decisions, Interpretations, PossibleDuplicate
from ..rows import ParsedRow

BATCH_SIZE = 1000


@dataclass
class Plan:
    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0  # rows the user chose to leave out
    changes: list[Change] = field(default_factory=list)
    duplicates: list[PossibleDuplicate] = field(default_factory=list)
    # (record, {field: [before, after]}) for the audit log, one event per record changed.
    audit: list[tuple[models.Model, dict]] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


class Planner:
    def __init__(
        self,
        *,
        team: Team,
        errors: list[RowError],
        decisions: Decisions | None = None,
        interpretations: Interpretations | None = None,
    ):
        self.team = team
        self.errors = errors
        self.decisions = decisions or Decisions()
        self.interpretations = interpretations or Interpretations()

    def refuse(self, row: ParsedRow, column: str, field_name: str, reason: str) -> None:
        column = row.header(field_name, column) if field_name else column
        self.errors.append(RowError(row.number, column, row.raw.get(field_name, ""), reason))

    def youths_by_external_id(self) -> dict[str, int]:
        return identifiers(Youth.objects.active().filter(team=self.team))

    def change(
        self, plan: Plan, row: ParsedRow, record: str, field_name: str, label: str, before, after
    ) -> bool:
        """A recorded value the row would change: listed, and applied only when accepted."""
        accepted = self.decisions.accepts(row.number, field_name)
        plan.changes.append(Change(row.number, record, field_name, label, before, after, accepted))
        return accepted

    def youth_of(self, row: ParsedRow, youths: dict[str, int]) -> int | None:
        """The youth the row's identifier names, or None with the row refused."""
        if "external_id" in row.failed:
            return None
        youth_id = youths.get(normalise(row.values["external_id"]))
        if youth_id is None:
            self.refuse(
                row, "Identifiant du jeune", "external_id", "aucun jeune de l'équipe n'a cet identifiant"
            )
        return youth_id


class Occurrences:
    """Which rows are already recorded, when rows have no identifier.

    Two identical rows are two records (two sessions the same evening at the
    same place): the n-th row with a key matches the n-th recorded record with
    that key, so that importing a file again finds every row it made.
    """

    def __init__(self, recorded: Iterable[tuple[Hashable, int, bool]]):
        self.available: dict[Hashable, list[tuple[int, bool]]] = {}
        for key, pk, identified in recorded:
            self.available.setdefault(key, []).append((pk, identified))

    def take(self, key: Hashable, *, without_identifier: bool = False) -> int | None:
        """The id of a recorded record with ``key`` not taken yet (one without an identifier
        of its own when ``without_identifier``), or None."""
        records = self.available.get(key)
        if not records:
            return None
        for position, (pk, identified) in enumerate(records):
            if not (without_identifier and identified):
                del records[position]
                return pk
        return None


def identifiers(records: models.QuerySet) -> dict[str, int]:
    """Record id by identifier: its own, and "carnet-<number>" (what Carnet's export writes for
    a record without one) for the records that have none."""
    found = {}
    for pk, external_id in records.values_list("pk", "external_id"):
        found[normalise(external_id or f"carnet-{pk}")] = pk
    return found


def audit_value(value: Any) -> Any:
    """A value as the audit log keeps it (JSON): a date in ISO form, a record by its id."""
    value = getattr(value, "pk", value)
    return value.isoformat() if isinstance(value, datetime.date) else value


def comparable(value: Any) -> Any:
    """A value as a key compares it: a record by its id, a text without case or accents."""
    if isinstance(value, str):
        return normalise(value)
    return getattr(value, "pk", value)
