"""The plan of one team's year: weights, and the youths and sessions drawn before writing."""

import datetime
import random
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .structure import _Commune

# --- One team's year ------------------------------------------------------------------------------

_SEXES = (("H", 58), ("F", 37.5), ("NB", 1.5), ("", 3))
_AGES = {6: 1, 7: 1, 8: 2, 9: 3, 10: 5, 11: 7, 12: 11, 13: 12, 14: 12, 15: 11, 16: 9, 17: 7, 18: 5}
_AGES |= {19: 4, 20: 3, 21: 2, 22: 2, 23: 1, 24: 1, 25: 1}
_ORIGINS = (
    ("presence-sociale", 58),
    ("tiers", 17),
    ("partenaire", 13),
    ("demarche-personnelle", 7),
    (None, 5),
)
# The highest modality a youth is planned to reach; None: met, never accompanied.
_TOPS = (("paei", 27), ("asep", 50), ("accroche", 20), (None, 3))
# Years a youth is followed, by planned modality: a PAEI often lasts beyond the year.
_STAYS = {"paei": (30, 35, 22, 13), "asep": (55, 28, 12, 5), "accroche": (85, 12, 3, 0)}
# Interventions a year for a youth at each modality all year long.
_INTERVENTION_RATES = {"paei": 16.0, "asep": 8.0, "accroche": 3.0}
_DOMAIN_WEIGHTS = {
    "comportement": 20,
    "sante": 15,
    "scolarite": 14,
    "famille": 13,
    "insertion-pro": 11,
    "loisirs": 11,
    "formation": 5,
    "mobilite": 4,
    "justice": 1.5,
    "administratif": 2,
    "aide-urgence": 0.7,
}
# Minimum age for a domain; scolarité is for youths up to 18 not in work or training.
_DOMAIN_MIN_AGE = {
    "insertion-pro": 16,
    "formation": 15,
    "mobilite": 16,
    "administratif": 16,
    "aide-urgence": 18,
    "justice": 13,
}
_DURATIONS = (90, 120, 120, 150, 180, 180, 240)  # minutes of a presence session
_MEETING_KINDS = (("rencontre-partenaire", 40), ("cahc", 15), ("cls", 10), ("pedt", 10), ("bailleur", 15))
_MEETING_PARTNERS = {"cahc": ("cahc",), "cls": ("cahc", "mda", "escapade"), "pedt": ("ville", "pre")}
_MEETING_PARTNERS |= {"bailleur": ("bailleur",)}


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


@dataclass(eq=False, slots=True)
class _Youth:
    """A youth of the team and their plan for every year they are followed."""

    commune: _Commune | None
    quartier: int | None
    sex: str
    age: int | None  # reached on 31/12 of the first year
    first_year: int
    first_contact: datetime.date
    until: datetime.date  # last day the team can meet them
    last_year: int
    origin: str | None
    periods: list[tuple[str, datetime.date, datetime.date | None]]
    situations: list[tuple[str, datetime.date]] = field(default_factory=list)
    pk: int = 0

    def age_in(self, year: int) -> int | None:
        return None if self.age is None else self.age + year - self.first_year

    def situation_on(self, day: datetime.date) -> str | None:
        current = None
        for code, since in self.situations:
            if since <= day:
                current = code
        return current

    def at_college(self, year: int) -> bool:
        age = self.age_in(year)
        return age is not None and 11 <= age <= 15


@dataclass(eq=False, slots=True)
class _Session:
    date: datetime.date
    minutes: int
    kind: str
    commune: _Commune | None
    quartier: int | None
    place: str
    educators: list[int]
    youths_met: int
    known: list[_Youth] = field(default_factory=list)


class _Pool:
    """Youths by date of first contact, to draw those already met on a day."""

    def __init__(self, youths: list[_Youth]) -> None:
        self.youths = sorted(youths, key=lambda y: y.first_contact)
        self.keys = [y.first_contact for y in self.youths]

    def draw(
        self,
        rng: random.Random,
        day: datetime.date,
        count: int,
        accept: Callable[[_Youth], bool] | None = None,
        exclude: Iterable[_Youth] = (),
    ) -> list[_Youth]:
        """Up to ``count`` different youths met on or before ``day`` and still followed then."""
        met = bisect_right(self.keys, day)
        chosen: list[_Youth] = []
        excluded = set(map(id, exclude))
        for _attempt in range(4 * count if met else 0):
            if len(chosen) == count:
                break
            youth = self.youths[rng.randrange(met)]
            if id(youth) in excluded or youth.until < day or (accept and not accept(youth)):
                continue
            excluded.add(id(youth))
            chosen.append(youth)
        return chosen
