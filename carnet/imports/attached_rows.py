"""Reading and writing one row of an attached file (``attached_import``): its cells by header,
its values read as offices write them, each refusal with its row, column and value; and a
record's fields filled or changed as the user agreed."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F

from carnet.editing.versions import Versioned
from carnet.organisations.models import Team

from .attached import LABELS
from .cells import parse_int
from .planners.base import audit_value
from .reading import RowError, ValueProblem, normalise
from .report import ImportReport
from .review import Change, Decisions

_TIME = re.compile(r"(\d{1,2})\s*[:hH]\s*(\d{2})?(?::\d{2})?")


@dataclass
class AttachedReport(ImportReport):
    @property
    def label(self) -> str:
        return LABELS[self.kind]


@dataclass
class Row:
    """One row's cells by header, and what it refused."""

    number: int
    cells: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)

    def raw(self, header: str) -> str:
        value = self.cells.get(header)
        return "" if value is None else str(value).strip()

    def refuse(self, header: str, reason: str) -> None:
        self.errors.append(RowError(self.number, header, self.raw(header), reason))

    def text(self, header: str, max_length: int, *, required: bool = False) -> str:
        value = self.raw(header)
        if required and not value:
            self.refuse(header, "valeur obligatoire manquante")
        elif len(value) > max_length:
            self.refuse(header, f"texte trop long ({len(value)} caractères, {max_length} au plus)")
        return value

    def read(self, header: str, parse: Callable[[Any], Any], *, required: bool = False) -> Any:
        if not self.raw(header):
            if required:
                self.refuse(header, "valeur obligatoire manquante")
            return None
        try:
            return parse(self.cells[header])
        except ValueProblem as problem:
            self.refuse(header, str(problem))
            return None

    def one_of(self, header: str, choices: dict[str, Any], unknown: str, *, required: bool = False) -> Any:
        """The value a label or code names (accents and case ignored), or None with the row refused."""
        value = self.raw(header)
        if not value:
            if required:
                self.refuse(header, "valeur obligatoire manquante")
            return None
        found = choices.get(normalise(value))
        if found is None:
            self.refuse(header, unknown)
        return found


def parse_time(value: Any) -> datetime.time:
    if isinstance(value, datetime.time):
        return value
    match = _TIME.fullmatch(str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
        raise ValueProblem("heure illisible (attendu HH:MM, par exemple 18:30)")
    return datetime.time(int(match[1]), int(match[2] or 0))


def labelled(values) -> dict[str, Any]:
    """Referential values by their normalised label and code."""
    found = {}
    for value in values:
        found[normalise(value.code)] = value
        found[normalise(value.label)] = value
    return found


def choice_values(enum) -> dict[str, str]:
    """A ``TextChoices``' values by their normalised value and label."""
    return {
        **{normalise(value): value for value in enum.values},
        **{normalise(label): value for value, label in enum.choices},
    }


def parse_position(value: Any) -> int:
    number = parse_int(value)
    if not 0 <= number <= 32767:
        raise ValueProblem("nombre entre 0 et 32767 attendu")
    return number


class Importer:
    """One file of an attached kind: its rows checked, then written, with changes as agreed."""

    def __init__(self, *, team: Team, report: AttachedReport, decisions: Decisions):
        self.team = team
        self.report = report
        self.decisions = decisions
        self.audit: list[tuple[Any, dict]] = []

    def update(
        self, row: Row, record: Any, what: str, values: dict[str, tuple[str, Any]], *, counted: bool = True
    ) -> None:
        """Fill the record's empty fields; change the others where the user accepts it. A record
        that is not the row's own (a goal's project) is not ``counted`` in the report."""
        changed = {}
        for name, (label, after) in values.items():
            before = getattr(record, name)
            if before == after or after in (None, ""):
                continue
            if before not in (None, ""):
                accepted = self.decisions.accepts(row.number, name)
                shown = [_shown(before), _shown(after)]
                self.report.changes.append(Change(row.number, what, name, label, *shown, accepted))
                if not accepted:
                    continue
            setattr(record, name, after)
            changed[name] = [_logged(before), _logged(after)]
        if changed:
            fields = [_field_name(record, name) for name in changed]
            if isinstance(record, Versioned):
                # An edit form opened before the import is refused rather than writing back.
                record.version = F("version") + 1
                fields.append("version")
            record.save(update_fields=fields)
            self.audit.append((record, changed))
            self.report.updated += counted
        else:
            self.report.unchanged += counted


def _field_name(record, name: str) -> str:
    return record._meta.get_field(name).name


def _shown(value: Any) -> str:
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(value)


def _logged(value: Any) -> Any:
    # Free texts (notes, decisions) are said changed, not copied into the audit log.
    if isinstance(value, str) and len(value) > 40:
        return "modifié"
    return audit_value(value)
