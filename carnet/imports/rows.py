"""Checking the rows of a sheet: each value converted to its field, or the row refused."""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from .cells import parse_date, parse_decimal, parse_int
from .columns import ValueType
from .mapping import ValueMatcher
from .reading import RowError, ValueProblem, display, is_blank

MAX_MINUTES = 24 * 60
# What separates the values of a cell holding several: « ; », « , », « | », « / », a line break.
SEPARATORS = re.compile(r"(\s*(?:[;,|/]|\r?\n)\s*)")
# Dates written in full (31/12/2023, 2023-12-31, 31.12.2023): read literally.
_FULL_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}[/-]\d{1,2}[/-]\d{1,2}")
# A year alone, as office files give a birth date when only the year is known.
_YEAR = re.compile(r"\d{4}(?:[.,]0+)?")


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
    failed: set[str] = field(default_factory=set)  # fields whose value was refused
    headers: dict[str, str] = field(default_factory=dict)  # field → the file's header

    @property
    def ok(self) -> bool:
        return not self.failed

    def header(self, field_name: str, default: str) -> str:
        return self.headers.get(field_name, default)


def _parse_row(number, values, mapping, matcher, unknown, errors) -> ParsedRow:
    """The row's values converted; every refused value is reported, and its field marked failed
    so that the planner still checks the rest of the row (every error of a row is reported)."""
    parsed: dict[str, Any] = {}
    raw: dict[str, str] = {}
    headers: dict[str, str] = {}
    failed: set[str] = set()
    for position, column in mapping.by_position.items():
        header = mapping.header_of(position)
        headers[column.field] = header
        value = values[position]
        if is_blank(value):
            if column.required:
                errors.append(RowError(number, header, "", "valeur obligatoire manquante"))
                failed.add(column.field)
            continue
        text = display(value)
        raw[column.field] = text
        try:
            if column.field == "birth_date" and _year_alone(value, text):
                parsed["birth_year_of_date"] = _birth_year(value, matcher)
                matcher.interpretations.add(header, text, "année de naissance", per_value=False)
                continue
            parsed[column.field] = _convert(column, value, text, parsed, matcher, header)
        except ValueProblem as problem:
            errors.append(RowError(number, header, text, str(problem)))
            failed.add(column.field)
            if isinstance(problem, UnknownValue):
                unknown.add(header, problem.value)
    return ParsedRow(number, parsed, raw, failed, headers)


def _year_alone(value, text: str) -> bool:
    if isinstance(value, bool | datetime.date):
        return False
    return bool(_YEAR.fullmatch(text))


def _birth_year(value, matcher: ValueMatcher) -> int:
    year = parse_int(value)
    if not 1900 <= year <= matcher.today.year:
        raise ValueProblem("année de naissance non plausible")
    return year


def _convert(column, value, text: str, parsed: dict, matcher: ValueMatcher, header: str) -> Any:
    kind = column.value_type
    if kind == ValueType.TEXT:
        text = " ".join(text.split())
        if column.max_length and len(text) > column.max_length:
            raise ValueProblem(f"texte trop long ({len(text)} caractères, {column.max_length} au plus)")
        return text
    if kind == ValueType.DATE:
        day = parse_date(value)
        if not isinstance(value, datetime.date) and not _FULL_DATE.fullmatch(text):
            reading = "date à l'année sur deux chiffres"
            if isinstance(value, int | float) or text.replace(",", ".").split(".")[0].isdigit():
                reading = "date (numéro de série Excel)"
            elif " " in text or "T" in text:
                reading = "date (heure ignorée)"
            matcher.interpretations.add(header, text, reading, per_value=False)
        if day > matcher.today:
            raise ValueProblem("date dans le futur")
        if day.year < 1900:
            raise ValueProblem("date trop ancienne")
        return day
    if kind == ValueType.YEAR:
        if isinstance(value, datetime.date):
            matcher.interpretations.add(header, text, "année de cette date", per_value=False)
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
        if not identifiers:
            raise ValueProblem("au moins un identifiant de jeune est attendu")
        if len({*identifiers}) != len(identifiers):
            raise ValueProblem("un même jeune est cité deux fois")
        return identifiers
    if kind in (ValueType.DOMAINS, ValueType.PARTNERS):
        return _several(kind, value, text, matcher, header)
    matched = matcher.read(kind, text, header)
    if matched is None:
        raise UnknownValue(text, _UNKNOWN[kind])
    return matched


def _parts(value, text: str) -> list[str]:
    """The values of a cell holding several: a JSON list, or text separated by SEPARATORS."""
    if isinstance(value, list | tuple):
        return [str(part) for part in value if not is_blank(part)]
    return [part for part in SEPARATORS.split(text)[::2] if part.strip()]


def _several(kind: ValueType, value, text: str, matcher: ValueMatcher, header: str) -> list:
    """Domains or partners. A name may itself hold a separator (« Santé / Bien être »,
    « Collège Jean Macé, Hénin »): from the left, the longest run of pieces that names a
    value is taken, then the next."""
    if isinstance(value, list | tuple):
        names = _parts(value, text)
    else:
        pieces = SEPARATORS.split(text)  # value, separator, value, ...
        names = []
        start = 0
        while start < len(pieces):
            if not pieces[start].strip():
                start += 2
                continue
            end = next(
                (
                    end
                    for end in range(len(pieces) - 1, start - 1, -2)
                    if matcher.match(kind, "".join(pieces[start : end + 1])) is not None
                ),
                start,
            )
            names.append("".join(pieces[start : end + 1]).strip())
            start = end + 2
    if not names:
        raise ValueProblem(f"au moins un {_ONE_OF[kind]} est attendu")
    found = []
    for name in names:
        matched = matcher.read(kind, name, header)
        if matched is None:
            raise UnknownValue(name, f"{_ONE_OF[kind]} inconnu : « {name} »")
        found.append(matched)
    return found


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
