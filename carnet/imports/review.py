"""What a dry run shows for the user to decide, and the user's decisions.

Nothing is read, matched or changed behind the user's back: values read other
than literally are listed (``Interpretations``); a row that may be a recorded
youth without being certainly so is a ``PossibleDuplicate`` the user resolves
(same youth, another youth, skip the row); a value of a record that the file
would change is a ``Change`` applied only when the user accepts it
(``Decisions``). Filling an empty field needs no consent.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

NEW = "new"
SKIP = "skip"


@dataclass(frozen=True)
class Interpretation:
    """« X » → Non binaire : 1 ligne. ``target`` is the value's choice on the page (to correct it);
    ``to_confirm``: not applied until the user confirms it (the row is refused meanwhile)."""

    column: str
    raw: str
    meaning: str
    rows: int
    to_confirm: bool = False
    target: str = ""
    value: str = ""  # the value read, when the reading is of one value (to map it)

    def __str__(self) -> str:
        line = f"colonne « {self.column} » : {self.raw} → {self.meaning} : {self.rows} ligne(s)"
        return line + (" — à confirmer" if self.to_confirm else "")


class Interpretations:
    """Counts the readings of an import, per column and meaning.

    A reading of one value (« X », « Presence sociale ») is listed per value; a reading of a
    kind (a year alone in a date column, a title made up) per kind, with a few examples.
    """

    EXAMPLES = 3

    def __init__(self):
        self.counts: Counter = Counter()
        self.examples: dict[tuple, list[str]] = {}

    def add(
        self,
        column: str,
        raw: str,
        meaning: str,
        *,
        per_value: bool = True,
        to_confirm: bool = False,
        target: str = "",
    ) -> None:
        key = (column, raw if per_value else "", meaning, to_confirm, target)
        self.counts[key] += 1
        examples = self.examples.setdefault(key, [])
        if raw not in examples and len(examples) < self.EXAMPLES:
            examples.append(raw)

    def listing(self) -> list[Interpretation]:
        found = []
        for key, count in sorted(self.counts.items(), key=lambda item: item[0]):
            column, raw, meaning, to_confirm, target = key
            shown = ", ".join(f"« {example} »" for example in self.examples[key])
            if not raw and count > len(self.examples[key]):
                shown += "…"
            found.append(Interpretation(column, shown, meaning, count, to_confirm, target, raw))
        return found


@dataclass(frozen=True)
class Change:
    """« Célia (n° 12) : date de naissance 28/08/2009 → 25/02/2009 », from row ``row``."""

    row: int
    record: str
    field: str
    label: str
    before: str
    after: str
    accepted: bool = False

    def __str__(self) -> str:
        return f"{self.record} : {self.label} {self.before} → {self.after}"


@dataclass(frozen=True)
class Candidate:
    """A recorded youth a row may be, as the dry run shows it beside the row."""

    id: int
    identity: dict[str, str]


@dataclass(frozen=True)
class PossibleDuplicate:
    row: int
    identity: dict[str, str]  # the row's identity fields, as shown
    candidates: list[Candidate]
    differences: list[str]  # the identity fields that differ from the (first) candidate
    decision: str = ""  # "", NEW, SKIP or a candidate's id

    @property
    def resolved(self) -> bool:
        return bool(self.decision)


@dataclass
class Decisions:
    """The user's answers: accepted changes (all, or per row and field) and duplicates resolved."""

    accept_all: bool = False
    accepted: dict[int, list[str] | None] = field(default_factory=dict)  # row → fields (None: all)
    duplicates: dict[int, str] = field(default_factory=dict)  # row → NEW, SKIP or a youth id
    duplicates_default: str = ""  # NEW or SKIP for the possible duplicates not answered

    def accepts(self, row: int, field_name: str) -> bool:
        if self.accept_all or (row in self.accepted and self.accepted[row] is None):
            return True
        return field_name in (self.accepted.get(row) or ())

    def duplicate(self, row: int) -> str:
        return self.duplicates.get(row, self.duplicates_default)

    def to_data(self) -> dict:
        return {
            "accept_all": self.accept_all,
            "accepted": {str(row): fields for row, fields in self.accepted.items()},
            "duplicates": {str(row): answer for row, answer in self.duplicates.items()},
            "duplicates_default": self.duplicates_default,
        }

    @classmethod
    def from_data(cls, data: dict | None) -> "Decisions":
        data = data or {}
        return cls(
            accept_all=bool(data.get("accept_all")),
            accepted={int(row): fields for row, fields in (data.get("accepted") or {}).items()},
            duplicates={int(row): str(answer) for row, answer in (data.get("duplicates") or {}).items()},
            duplicates_default=data.get("duplicates_default") or "",
        )


_ANSWERS = {"nouveau": NEW, "new": NEW, "autre": NEW, "ignorer": SKIP, "skip": SKIP}


def load_decisions_file(text: str) -> Decisions:
    """{"doublons": {"12": "nouveau" | "ignorer" | 34}, "modifications": "toutes" | {"12": "toutes" |
    ["birth_date", ...]}}: row numbers as the spreadsheet shows them, 34 a youth's number."""
    from .mapping import MappingProblem  # mapping reads values into Interpretations: no cycle

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MappingProblem(f"Fichier de décisions illisible (JSON) : {error}") from error
    if not isinstance(data, dict):
        raise MappingProblem("Fichier de décisions : un objet JSON est attendu.")
    decisions = Decisions()
    changes = data.get("modifications", data.get("changes", {})) or {}
    if changes in ("toutes", "all"):
        decisions.accept_all = True
    elif isinstance(changes, dict):
        for row, fields in changes.items():
            decisions.accepted[_row(row)] = None if fields in ("toutes", "all") else list(fields)
    else:
        raise MappingProblem("Fichier de décisions : « modifications » vaut « toutes » ou un objet.")
    for row, answer in (data.get("doublons", data.get("duplicates", {})) or {}).items():
        text_answer = str(answer).strip().lower()
        if text_answer in _ANSWERS:
            decisions.duplicates[_row(row)] = _ANSWERS[text_answer]
        elif text_answer.removeprefix("n°").strip().isdigit():
            decisions.duplicates[_row(row)] = text_answer.removeprefix("n°").strip()
        else:
            raise MappingProblem(
                f"Fichier de décisions : ligne {row}, réponse « {answer} » inconnue "
                "(attendu « nouveau », « ignorer » ou le numéro du jeune)."
            )
    return decisions


def _row(value) -> int:
    from .mapping import MappingProblem

    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise MappingProblem(f"Fichier de décisions : « {value} » n'est pas un numéro de ligne.") from error
