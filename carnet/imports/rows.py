"""Checking the rows of a sheet: each value converted to its field, or the row refused."""

import datetime
from dataclasses import dataclass
from typing import Any

from .columns import ValueType
from .mapping import ValueMatcher
from .reading import RowError, ValueProblem, display, is_blank, parse_date, parse_decimal, parse_int

MAX_MINUTES = 24 * 60


class UnknownValue(ValueProblem):
    """A value no recorded value matches: listed for the user to map."""

    def __init__(self, value: str, message: str):
        super().__init__(message)
        self.value = value


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    raw: dict[str, str]  # field → value as typed, for messages


def _parse_row(number, values, mapping, matcher, unknown, errors) -> ParsedRow | None:
    parsed: dict[str, Any] = {}
    raw: dict[str, str] = {}
    row_errors = []

    def refuse(column, value, reason):
        row_errors.append(RowError(number, column.header if column else "", value, reason))

    for position, column in mapping.by_position.items():
        header = mapping.header_of(position)
        value = values[position]
        if is_blank(value):
            if column.required:
                row_errors.append(RowError(number, header, "", "valeur obligatoire manquante"))
            continue
        text = display(value)
        raw[column.field] = text
        try:
            parsed[column.field] = _convert(column, value, text, parsed, matcher)
        except ValueProblem as problem:
            row_errors.append(RowError(number, header, text, str(problem)))
            if isinstance(problem, UnknownValue):
                unknown.add(header, problem.value)
    errors.extend(row_errors)
    return None if row_errors else ParsedRow(number, parsed, raw)


def _convert(column, value, text: str, parsed: dict, matcher: ValueMatcher) -> Any:
    kind = column.value_type
    if kind == ValueType.TEXT:
        text = " ".join(text.split())
        if column.max_length and len(text) > column.max_length:
            raise ValueProblem(f"texte trop long ({len(text)} caractères, {column.max_length} au plus)")
        return text
    if kind == ValueType.DATE:
        day = parse_date(value)
        if day > matcher.today:
            raise ValueProblem("date dans le futur")
        if day.year < 1900:
            raise ValueProblem("date trop ancienne")
        return day
    if kind == ValueType.YEAR:
        if isinstance(value, datetime.date):
            return value.year
        year = parse_int(value)
        if not 1900 <= year <= matcher.today.year:
            raise ValueProblem("année de naissance non plausible")
        return year
    if kind == ValueType.QUARTIER:
        quartier = matcher.quartier(text, parsed.get("commune"))
        if quartier is None:
            raise UnknownValue(text, "quartier inconnu de l'équipe (ou d'une autre commune)")
        return quartier
    if kind == ValueType.COUNT:
        number = parse_int(value)
        if number < 0:
            raise ValueProblem("nombre négatif")
        return number
    if kind in (ValueType.MINUTES, ValueType.HOURS):
        return _minutes(value, hours=kind == ValueType.HOURS)
    if kind == ValueType.YOUTH_IDS:
        identifiers = [part.strip() for part in _parts(value, text)]
        if len({*identifiers}) != len(identifiers):
            raise ValueProblem("un même jeune est cité deux fois")
        return identifiers
    if kind in (ValueType.DOMAINS, ValueType.PARTNERS):
        return _several(kind, value, text, matcher)
    matched = matcher.match(kind, text)
    if matched is None:
        raise UnknownValue(text, _UNKNOWN[kind])
    return matched


def _parts(value, text: str, *, separators: str = ",;") -> list[str]:
    """The values of a cell holding several: a JSON list, or text separated by "," or ";"."""
    if isinstance(value, list | tuple):
        return [str(part) for part in value if not is_blank(part)]
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    return [part for part in text.split(separators[0]) if part.strip()]


def _several(kind: ValueType, value, text: str, matcher: ValueMatcher) -> list:
    """Domains or partners: a name may itself hold a comma, so the cell is tried whole,
    then split at ";" only, then at "," and ";"."""
    attempts = [_parts(value, text)]
    if not isinstance(value, list | tuple):
        attempts = [[text], _parts(value, text, separators=";"), *attempts]
    for parts in attempts:
        found = [matcher.match(kind, part) for part in parts]
        if found and all(found):
            return found
    parts = attempts[-1]
    if not parts:
        raise ValueProblem(f"au moins un {_ONE_OF[kind]} est attendu")
    unknown = next(part for part in parts if matcher.match(kind, part) is None)
    raise UnknownValue(unknown.strip(), f"{_ONE_OF[kind]} inconnu : « {unknown.strip()} »")


def _minutes(value, *, hours: bool) -> int:
    number = parse_decimal(value)
    minutes = number * 60 if hours else number
    if minutes != minutes.to_integral_value():
        raise ValueProblem(
            "durée en minutes entières attendue" if not hours else "durée à la minute près attendue"
        )
    if not 0 < minutes <= MAX_MINUTES:
        raise ValueProblem("durée hors limites (plus de 0 et au plus 24 heures)")
    return int(minutes)


_ONE_OF = {ValueType.DOMAINS: "domaine", ValueType.PARTNERS: "partenaire"}

_UNKNOWN = {
    ValueType.SEX: "sexe inconnu (attendu H, F ou NB)",
    ValueType.COMMUNE: "commune inconnue de l'équipe",
    ValueType.ORIGIN: "origine de la rencontre inconnue",
    ValueType.SITUATION: "situation inconnue",
    ValueType.INTERVENTION_KIND: "type d'intervention inconnu",
    ValueType.MODALITY: "modalité d'accompagnement inconnue",
    ValueType.ACTION_TYPE: "type d'action collective inconnu",
    ValueType.ACTION_ROLE: "rôle inconnu (attendu « initiée » ou « associée »)",
    ValueType.PRESENCE_KIND: "type de présence inconnu",
    ValueType.MEETING_KIND: "type de réunion inconnu",
    ValueType.BOOLEAN: "valeur inconnue (attendu oui ou non)",
}
