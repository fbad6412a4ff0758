"""Checking the rows of a sheet: each value converted to its field, or the row refused."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .mapping import ValueMatcher, ValueType
from .reading import RowError, ValueProblem, display, is_blank, parse_date, parse_int


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
            if "inconnu" in str(problem):
                unknown.add(header, text)
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
        if day > timezone.localdate():
            raise ValueProblem("date dans le futur")
        if day.year < 1900:
            raise ValueProblem("date trop ancienne")
        return day
    if kind == ValueType.YEAR:
        if isinstance(value, datetime.date):
            return value.year
        year = parse_int(value)
        if not 1900 <= year <= timezone.localdate().year:
            raise ValueProblem("année de naissance non plausible")
        return year
    if kind == ValueType.QUARTIER:
        quartier = matcher.quartier(text, parsed.get("commune"))
        if quartier is None:
            raise ValueProblem("quartier inconnu de l'équipe (ou d'une autre commune)")
        return quartier
    if kind == ValueType.DOMAINS:
        domains = []
        for part in text.replace(";", ",").split(","):
            if not part.strip():
                continue
            domain = matcher.match(kind, part)
            if domain is None:
                raise ValueProblem(f"domaine inconnu : « {part.strip()} »")
            domains.append(domain)
        if not domains:
            raise ValueProblem("au moins un domaine est attendu")
        return domains
    matched = matcher.match(kind, text)
    if matched is None:
        raise ValueProblem(_UNKNOWN[kind])
    return matched


_UNKNOWN = {
    ValueType.SEX: "sexe inconnu (attendu H, F ou NB)",
    ValueType.COMMUNE: "commune inconnue de l'équipe",
    ValueType.ORIGIN: "origine de la rencontre inconnue",
    ValueType.SITUATION: "situation inconnue",
    ValueType.INTERVENTION_KIND: "type d'intervention inconnu",
}
