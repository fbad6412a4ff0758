"""What every planner shares: the plan, refusing a row, finding youths by identifier."""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from carnet.organisations.models import Team
from carnet.youths.models import Youth

from ..reading import RowError, normalise
from ..rows import ParsedRow

BATCH_SIZE = 1000


@dataclass
class Plan:
    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    unchanged: int = 0
    extra: dict = field(default_factory=dict)


class Planner:
    def __init__(self, *, team: Team, errors: list[RowError]):
        self.team = team
        self.errors = errors

    def refuse(self, row: ParsedRow, column: str, field_name: str, reason: str) -> None:
        self.errors.append(RowError(row.number, column, row.raw.get(field_name, ""), reason))

    def youths_by_external_id(self) -> dict[str, int]:
        pairs = Youth.objects.active().filter(team=self.team).exclude(external_id="")
        return {normalise(eid): pk for pk, eid in pairs.values_list("pk", "external_id")}

    def youth_of(self, row: ParsedRow, youths: dict[str, int]) -> int | None:
        """The youth the row's identifier names, or None with the row refused."""
        youth_id = youths.get(normalise(row.values["external_id"]))
        if youth_id is None:
            self.refuse(
                row, "Identifiant du jeune", "external_id", "aucun jeune de l'équipe n'a cet identifiant"
            )
        return youth_id


class Occurrences:
    """Which rows are already recorded, when records have no identifier of their own.

    Two identical rows are two records (two sessions the same evening at the
    same place): the n-th row with a key matches the n-th recorded record with
    that key, so that importing a file again finds every row it made.
    """

    def __init__(self, recorded: Iterable[Hashable]):
        self.available = Counter(recorded)

    def take(self, key: Hashable) -> bool:
        if self.available[key] > 0:
            self.available[key] -= 1
            return True
        return False


def comparable(value: Any) -> Any:
    """A value as a key compares it: a record by its id, a text without case or accents."""
    if isinstance(value, str):
        return normalise(value)
    return getattr(value, "pk", value)
