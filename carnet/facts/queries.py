"""Reads of the derived facts: what ``bin/carnet check-facts`` compares with the records."""

from collections.abc import Iterator
from typing import NamedTuple

from django.db.models import Q
from django.utils.translation import gettext as _

from .kinds import (
    ACTION_LINES,
    ACTIONS,
    BATCH_SIZE,
    DOMAIN_YEARS,
    INTERVENTIONS,
    KINDS,
    SESSIONS,
    FactKind,
)


def _counted(kind: FactKind, condition: Q) -> Iterator[tuple[tuple, tuple]]:
    width = len(kind.key)
    for row in kind.source(condition).iterator(chunk_size=BATCH_SIZE):
        yield row[:width], row[width:]


class FactDifference(NamedTuple):
    kind: FactKind
    key: tuple
    stored: tuple | None
    expected: tuple | None

    def describe(self) -> str:
        names = {
            INTERVENTIONS: _("interventions d'un jeune par an et domaine"),
            SESSIONS: _("présence sociale par équipe, an et type"),
            ACTIONS: _("actions collectives par équipe, an et type"),
            ACTION_LINES: _("lignes de la liste des actions par équipe et an"),
            DOMAIN_YEARS: _("interventions par équipe, an, domaine et année précédente"),
        }
        key = ", ".join(
            f"{self._label(field)} {value}" for field, value in zip(self.kind.key, self.key, strict=True)
        )
        return _("Fait « %(kind)s » (%(key)s) : %(stored)s dans les faits, %(expected)s dans les fiches.") % {
            "kind": names[self.kind],
            "key": key,
            "stored": self._figures(self.stored),
            "expected": self._figures(self.expected),
        }

    def _figures(self, figures: tuple | None) -> str:
        if figures is None:
            return _("absent")
        counted = len(self.kind.figures)
        described = [
            f"{value} {self._label(name)}" for name, value in zip(self.kind.figures, figures, strict=False)
        ]
        for name, value in zip(self.kind.derived, figures[counted:], strict=True):
            label = self._label(name)
            described.append(_("sans %(label)s") % {"label": label} if value is None else f"{label} {value}")
        return ", ".join(described)

    def _label(self, field: str) -> str:
        return str(self.kind.model._meta.get_field(field.removesuffix("_id")).verbose_name)


def fact_differences() -> list[FactDifference]:
    """Every fact that differs from what the records say, missing or extra facts included."""
    differences = []
    expected_of: dict[FactKind, dict[tuple, tuple]] = {}
    for kind in (*KINDS, DOMAIN_YEARS):
        if kind is DOMAIN_YEARS:
            expected = _summed_by_domain_year(expected_of[INTERVENTIONS])
        else:
            expected = dict(_counted(kind, Q()))
        if kind.derived:
            expected = _with_previous_years(expected)
        expected_of[kind] = expected
        stored = {
            row[: len(kind.key)]: row[len(kind.key) :]
            for row in kind.model.objects.values_list(*kind.key, *kind.figures, *kind.derived).iterator(
                chunk_size=BATCH_SIZE
            )
        }
        differences += [
            FactDifference(kind, key, stored.get(key), expected.get(key))
            for key in sorted(expected.keys() | stored.keys())
            if stored.get(key) != expected.get(key)
        ]
    return differences


def _with_previous_years(expected: dict[tuple, tuple]) -> dict[tuple, tuple]:
    """The intervention facts the records say (key: team, youth, year, domain), each with the
    previous year of the same youth and domain, worked out here in Python: the check does not
    trust the UPDATE it checks."""
    years: dict[tuple, list[int]] = {}
    for _team, youth, year, domain in expected:
        years.setdefault((youth, domain), []).append(year)
    previous = {}
    for (youth, domain), found in years.items():
        found.sort()
        for before, year in zip([None, *found], found, strict=False):
            previous[(youth, domain, year)] = before
    return {key: (*figures, previous[(key[1], key[3], key[2])]) for key, figures in expected.items()}


def _summed_by_domain_year(interventions: dict[tuple, tuple]) -> dict[tuple, tuple]:
    """The sums ``DomainYearFact`` holds, from the intervention facts the records say (with
    their previous years): by team, year, domain and previous year (0: none), the number of
    facts and their interventions."""
    sums: dict[tuple, tuple[int, int]] = {}
    for (team, _youth, year, domain), (interventions_of_youth, previous_year) in interventions.items():
        key = (team, year, domain, previous_year or 0)
        youths, counted = sums.get(key, (0, 0))
        sums[key] = (youths + 1, counted + interventions_of_youth)
    return sums
