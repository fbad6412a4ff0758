"""Which column of the file holds which field, and which recorded value each cell means.

Headers are matched to fields by their usual names ("Prénom", "Né le", "N°"...),
accents, case and spacing ignored. Cell values are matched to the referentials
(origins, situations, domains), communes and quartiers by label or code, with
simple variants ("Scolarisé(e)", "Santé" for "Santé / Bien être"). A mapping
file given by the user overrides both.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from carnet.activity.models import ActionRole, InterventionKind
from carnet.organisations.models import Partner, Team
from carnet.referentials.models import (
    ActionType,
    Domain,
    MeetingKind,
    Modality,
    Origin,
    PresenceKind,
    Situation,
)
from carnet.youths.models import Sex

from .columns import COLUMNS, KIND_LABELS, NEEDS_DURATION, Column, ImportKind, ValueType, column_for
from .reading import ValueProblem, normalise
from .review import Interpretations

# --- Columns ----------------------------------------------------------------------------


@dataclass
class ColumnMapping:
    """Position in the file → column; headers the mapping leaves out are ignored."""

    by_position: dict[int, Column]
    headers: list[str]
    ignored: list[str] = field(default_factory=list)

    def header_of(self, position: int) -> str:
        return self.headers[position]

    @property
    def fields(self) -> set[str]:
        return {column.field for column in self.by_position.values()}


class MappingProblem(Exception):
    """The mapping file or the columns found cannot do; the message is for users, in French."""


def propose_columns(kind: ImportKind, headers: list[str], overrides: dict[str, str | None] | None = None):
    """The column each header holds: the user's ``overrides`` first, then the usual names.

    When two headers name one field, the first one is kept and the other ignored.
    """
    overrides = {normalise(header): target for header, target in (overrides or {}).items()}
    by_position: dict[int, Column] = {}
    ignored = []
    taken: set[str] = set()
    for position, header in enumerate(headers):
        if not header:
            continue
        key = normalise(header)
        if key in overrides:
            target = overrides[key]
            column = column_for(kind, target) if target else None
            if target and column is None:
                raise MappingProblem(
                    f"Fichier de correspondance : « {target} » (pour la colonne « {header} ») "
                    f"n'est pas une colonne connue des imports de {KIND_LABELS[kind]}."
                )
        else:
            column = column_for(kind, header)
        if column is None or column.field in taken:
            ignored.append(header)
            continue
        taken.add(column.field)
        by_position[position] = column
    mapping = ColumnMapping(by_position=by_position, headers=headers, ignored=ignored)
    missing = [column.header for column in COLUMNS[kind] if column.required and column.field not in taken]
    if missing:
        raise MappingProblem(
            "Colonnes obligatoires introuvables : "
            + ", ".join(f"« {name} »" for name in missing)
            + ". Renommez l'en-tête dans le fichier ou indiquez la colonne dans le fichier de correspondance."
        )
    if kind in NEEDS_DURATION and not taken & {"duration_minutes", "duration_hours"}:
        raise MappingProblem(
            "Colonne de durée introuvable : indiquez « Durée (minutes) » ou « Durée (heures) »."
        )
    if kind == ImportKind.YOUTHS and not taken & {"first_name", "nickname", "code"}:
        raise MappingProblem(
            "Aucune colonne « Prénom », « Surnom » ou « Code » : chaque jeune doit avoir un nom ou un code."
        )
    return mapping


# --- Values -----------------------------------------------------------------------------

_SEX_VALUES = {
    Sex.MALE: ("h", "homme", "m", "masculin", "garcon", "g", "male", "man", "boy"),
    Sex.FEMALE: ("f", "femme", "feminin", "fille", "female", "woman", "girl"),
    Sex.NON_BINARY: ("nb", "non binaire"),
}
# Readings too uncertain to apply unless the user confirms them (in the mapping, or on the
# page): « X » or « autre » may mean non-binary, or "not known", and would land in the NB
# column of funders' tables.
_TO_CONFIRM = {ValueType.SEX: {"x": Sex.NON_BINARY, "autre": Sex.NON_BINARY}}


class ToConfirm(ValueProblem):
    """A value read only once the user confirms its reading: its row is refused meanwhile."""


_ROLE_WORDS = {
    ActionRole.INITIATED: ("initiée", "initiee", "porteur", "porteuse", "équipe porteuse", "pilote"),
    ActionRole.ASSOCIATED: ("associée", "associee", "partenaire", "en appui", "soutien"),
}

# The referentials a cell may name, by code or label.
REFERENTIAL_MODELS = {
    ValueType.ORIGIN: Origin,
    ValueType.SITUATION: Situation,
    ValueType.DOMAINS: Domain,
    ValueType.MODALITY: Modality,
    ValueType.ACTION_TYPE: ActionType,
    ValueType.PRESENCE_KIND: PresenceKind,
    ValueType.MEETING_KIND: MeetingKind,
}

# Referentials a user may add an unknown value to from the import page: those whose values
# need nothing but a label (a modality needs its rank, an action type its category).
ADDABLE = {
    value_type: REFERENTIAL_MODELS[value_type]
    for value_type in (
        ValueType.ORIGIN,
        ValueType.SITUATION,
        ValueType.DOMAINS,
        ValueType.PRESENCE_KIND,
        ValueType.MEETING_KIND,
    )
}

_INCLUSIVE_ENDING = re.compile(r"\((e|s|es|x|ne|le)\)|·(e|s|es|rice|ne)\b")


def _variants(*texts: str) -> set[str]:
    """The ways a user writes a label: "Scolarisé(e)", "Santé" for "Santé / Bien être", "PAEI"..."""
    found = set()
    for text in texts:
        if not text:
            continue
        text = str(text)
        found.add(normalise(text))
        found.add(normalise(_INCLUSIVE_ENDING.sub("", text)))
        without_brackets = re.sub(r"\(.*?\)", "", text)
        found.add(normalise(without_brackets))
        for inside in re.findall(r"\((.*?)\)", text):
            found.add(normalise(inside))
        for part in re.split(r"[/]", without_brackets):
            found.add(normalise(part))
    found.discard("")
    return found


class ValueMatcher:
    """Matches raw cell values to recorded values, one ``ValueType`` at a time."""

    def __init__(self, *, team: Team, overrides: dict[ValueType, dict[str, str]] | None = None):
        organisation = team.organisation
        self.today = timezone.localdate()  # no date of a record is after it
        self.interpretations = Interpretations()
        self.readings: dict[tuple[ValueType, str], tuple[str, str] | tuple[()]] = {}
        partners = list(Partner.objects.filter(organisation=organisation))
        self.tables: dict[ValueType, dict[str, Any]] = {
            ValueType.SEX: {
                variant: sex.value
                for sex, names in _SEX_VALUES.items()
                for variant in {*names, *_variants(sex.label)}
            },
            ValueType.INTERVENTION_KIND: self._table(
                (kind.value, [kind.value, kind.label]) for kind in InterventionKind
            ),
            ValueType.ACTION_ROLE: self._table(
                (role.value, [role.value, role.label, *_ROLE_WORDS[role]]) for role in ActionRole
            ),
            ValueType.BOOLEAN: {
                **{word: True for word in ("oui", "o", "x", "1", "vrai", "yes", "true")},
                **{word: False for word in ("non", "n", "0", "faux", "no", "false")},
            },
            ValueType.PARTNERS: self._table((partner, [partner.name]) for partner in partners),
        }
        for value_type, model in REFERENTIAL_MODELS.items():
            # Retired values stay matchable (history names them); an active one wins a tie.
            values = model.objects.filter(organisation=organisation).order_by("is_active")
            self.tables[value_type] = self._table(
                (value, [value.code, value.code.replace("-", " "), value.label]) for value in values
            )
        communes = list(team.communes.all())
        self.tables[ValueType.COMMUNE] = self._table((c, [c.name, c.insee_code]) for c in communes)
        # Quartiers are matched by name within their commune: (commune id, name).
        self.quartiers: dict[tuple[int, str], Any] = {}
        self.quartiers_by_name: dict[str, list] = {}
        for commune in communes:
            for quartier in commune.quartiers.all():
                self.quartiers[commune.pk, normalise(quartier.name)] = quartier
                self.quartiers_by_name.setdefault(normalise(quartier.name), []).append(quartier)
        # What a cell holds literally: a value's own label, code or name (case aside).
        self.literals: dict[ValueType, set[str]] = {
            ValueType.SEX: {name.casefold() for sex in Sex for name in (sex.value, str(sex.label))},
            ValueType.INTERVENTION_KIND: {
                name.casefold() for kind in InterventionKind for name in (kind.value, str(kind.label))
            },
            ValueType.ACTION_ROLE: {
                name.casefold() for role in ActionRole for name in (role.value, str(role.label))
            },
            ValueType.BOOLEAN: {"oui", "non"},
            ValueType.COMMUNE: {name.casefold() for c in communes for name in (c.name, c.insee_code) if name},
            ValueType.PARTNERS: {partner.name.casefold() for partner in partners},
        }
        for value_type, model in REFERENTIAL_MODELS.items():
            self.literals[value_type] = {
                name.casefold()
                for code, label in model.objects.filter(organisation=organisation).values_list(
                    "code", "label"
                )
                for name in (code, label)
            }
        # The user's own mapping is no interpretation: it is what the user said.
        self.overridden: dict[ValueType, set[str]] = {}
        for value_type, pairs in (overrides or {}).items():
            table = self.tables.get(value_type)
            if table is None:
                continue
            for raw, target in pairs.items():
                value = table.get(normalise(target))
                if value is None:
                    raise MappingProblem(f"Fichier de correspondance : valeur « {target} » inconnue.")
                table[normalise(raw)] = value
                self.overridden.setdefault(value_type, set()).add(normalise(raw))

    @staticmethod
    def _table(entries) -> dict[str, Any]:
        table: dict[str, Any] = {}
        ambiguous: set[str] = set()
        exact: dict[str, Any] = {}
        for value, names in entries:
            exact.update({normalise(name): value for name in names if name})
            for variant in _variants(*names):
                if variant in table and table[variant] != value:
                    ambiguous.add(variant)
                table[variant] = value
        for variant in ambiguous:
            table.pop(variant)
        # A full label or code always wins over another value's variant.
        table.update(exact)
        return table

    def match(self, value_type: ValueType, raw: str) -> Any | None:
        table = self.tables[value_type]
        found = table.get(normalise(raw))
        if found is None:  # "Scolarisé(e)", "Éducateur·rice"
            found = table.get(normalise(_INCLUSIVE_ENDING.sub("", raw)))
        return found

    def read(self, value_type: ValueType, raw: str, column: str) -> Any | None:
        """The value ``raw`` means, its reading noted when it is not literal; None when unknown.
        Raises ToConfirm for a reading the user has to confirm first."""
        value = self.match(value_type, raw)
        if value is not None:
            self.note(value_type, raw, column, value)
            return value
        tentative = _TO_CONFIRM.get(value_type, {}).get(normalise(raw))
        if tentative is None:
            return None
        meaning = self.describe(value_type, tentative)
        self.interpretations.add(
            column,
            raw.strip(),
            meaning,
            to_confirm=True,
            target=self.choice_key(value_type, tentative),
        )
        raise ToConfirm(
            f"« {raw.strip()} » se lirait {meaning} : à confirmer dans la correspondance des valeurs"
        )

    def note(self, value_type: ValueType, raw: str, column: str, value: Any) -> None:
        text = raw.strip()
        # A file repeats the same few values on thousands of rows: each is described once.
        key = (value_type, text)
        reading = self.readings.get(key)
        if reading is None:
            literal = text.casefold() in self.literals.get(value_type, ()) or normalise(
                text
            ) in self.overridden.get(value_type, ())
            reading = (
                () if literal else (self.describe(value_type, value), self.choice_key(value_type, value))
            )
            self.readings[key] = reading
        if reading:
            self.interpretations.add(column, text, reading[0], target=reading[1])

    @staticmethod
    def describe(value_type: ValueType, value: Any) -> str:
        """A recorded value as the user reads it: its label or name."""
        if value_type == ValueType.SEX:
            return str(Sex(value).label)
        if value_type == ValueType.INTERVENTION_KIND:
            return str(InterventionKind(value).label)
        if value_type == ValueType.ACTION_ROLE:
            return str(ActionRole(value).label)
        if value_type == ValueType.BOOLEAN:
            return "oui" if value else "non"
        return str(getattr(value, "label", None) or getattr(value, "name", value))

    @classmethod
    def choice_key(cls, value_type: ValueType, value: Any) -> str:
        """The value as the import page's choices name it (see ``views._value_choices``)."""
        if value_type == ValueType.BOOLEAN:
            return ""
        if value_type in REFERENTIAL_MODELS:
            return value.code
        return cls.describe(value_type, value)

    def quartier(self, raw: str, commune) -> Any | None:
        key = normalise(raw)
        if commune is not None:
            return self.quartiers.get((commune.pk, key))
        found = self.quartiers_by_name.get(key, [])
        return found[0] if len(found) == 1 else None


@dataclass
class UnknownValues:
    """Values no recorded value matched, per column, for the user to map."""

    counts: Counter = field(default_factory=Counter)

    def add(self, column: str, value: str) -> None:
        self.counts[column, value] += 1

    def listing(self) -> list[tuple[str, str, int]]:
        return [(column, value, count) for (column, value), count in sorted(self.counts.items())]


def load_mapping_file(kind: ImportKind, text: str) -> tuple[dict[str, str | None], dict[ValueType, dict]]:
    """Read a mapping file: {"colonnes": {"header": "field"}, "valeurs": {"column": {"raw": "value"}}}.

    English keys ("columns", "values") are accepted too; a column mapped to null is ignored.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MappingProblem(f"Fichier de correspondance illisible (JSON) : {error}") from error
    if not isinstance(data, dict):
        raise MappingProblem("Fichier de correspondance : un objet JSON est attendu.")
    columns = data.get("colonnes", data.get("columns", {})) or {}
    values: dict[ValueType, dict] = {}
    for name, pairs in (data.get("valeurs", data.get("values", {})) or {}).items():
        column = column_for(kind, name)
        if column is None:
            raise MappingProblem(f"Fichier de correspondance : colonne « {name} » inconnue.")
        values.setdefault(column.value_type, {}).update(pairs)
    return columns, values
