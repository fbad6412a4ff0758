"""Kinds of collective action, and the demo titles each draws from."""

import datetime
import random
from dataclasses import dataclass
from typing import NamedTuple

from carnet.activity.models import ActionRole

from .. import synth_catalogue as names
from .. import texts
from .dates import D, _Calendar

# --- Kinds of collective action ---------------------------------------------------------------------


class _Day(NamedTuple):
    """A day of any year: an event held on the same date every year."""

    month: int
    day: int


def _catalogue_entries() -> dict[str, tuple]:
    """The demo's titles as (title, partner keys, months or a _Day, days, weight)."""

    def months_or_day(when):
        return _Day(when.month, when.day) if isinstance(when, datetime.date) else when

    return {
        "atelier": tuple((t, keys, when, 1, 1) for t, keys, when in texts.ATELIERS),
        "sortie": tuple((t, keys, when, 1, 1) for t, keys, when in texts.SORTIES),
        "sejour": tuple((t, (), _Day(m, d), days, 1) for t, (m, d), days in names.SEJOURS),
        "dsl": tuple((t, keys, when, 1, 1) for t, keys, when in texts.DSL_INITIATED),
        "event": tuple((t, keys, months_or_day(when), 1, n) for t, keys, when, n in texts.COMMUNE_EVENTS),
    }


@dataclass(frozen=True)
class _ActionKind:
    type_code: str
    titles: str  # a key of _catalogue_entries()
    weight: float
    participants: tuple[int, int]  # known youths, fewest and most
    anonymous: tuple[int, int]  # other participants of each sex
    after_needs_study: float  # probability
    role: ActionRole = ActionRole.INITIATED
    commune_event: bool = False
    at_local: bool = False
    on_quartier: bool = False

    def draw(self, rng: random.Random, calendar: _Calendar) -> tuple[str, tuple, datetime.date, int]:
        """(title, partner keys, first day, days) of one action of this kind in the calendar's year."""
        entries = _ENTRIES[self.titles]
        title, keys, when, days, _weight = rng.choices(entries, weights=[e[4] for e in entries])[0]
        if isinstance(when, _Day):
            day = D(calendar.year, when.month, when.day)
        else:
            months = when or range(1, 13)
            pool = [d for m in months for d in calendar.action_days_by_month[m]]
            day = rng.choice(pool)
        return title, keys, day, days


_ENTRIES = _catalogue_entries()
_ACTION_KINDS = (
    _ActionKind("atelier", "atelier", 30, (2, 8), (0, 3), 0.85, at_local=True),
    _ActionKind("sortie", "sortie", 28, (3, 10), (0, 2), 0.85),
    _ActionKind("sejour", "sejour", 2, (5, 10), (0, 2), 1.0),
    _ActionKind("dsl", "dsl", 10, (2, 6), (2, 12), 0.3, on_quartier=True),
    _ActionKind("dsl", "event", 28, (2, 10), (5, 30), 0.05, role=ActionRole.ASSOCIATED, commune_event=True),
    _ActionKind("dsl", "dsl", 2, (1, 4), (2, 10), 0.2, role=ActionRole.ASSOCIATED),
)
