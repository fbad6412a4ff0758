"""The calendar of any year: dates, school holidays and working days."""

import datetime
import functools
import random
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
FAR_FUTURE = D(9999, 12, 31)


# --- The calendar of any year ------------------------------------------------------------------


def _easter(year: int) -> datetime.date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return D(year, month, day + 1)


# School holidays, roughly those of zone B; enough for plausible dates.
_SCHOOL_HOLIDAYS = (((1, 1), (1, 3)), ((2, 10), (2, 25)), ((4, 12), (4, 27)), ((7, 6), (8, 31)))
_SCHOOL_HOLIDAYS += (((10, 19), (11, 3)), ((12, 21), (12, 31)))


@dataclass(frozen=True)
class _Calendar:
    year: int
    working_days: tuple[datetime.date, ...]  # Monday to Saturday, not public holidays
    school_days: frozenset[datetime.date]
    action_days_by_month: dict[int, tuple[datetime.date, ...]]  # Wednesdays, Saturdays, holidays

    @property
    def first(self) -> datetime.date:
        return D(self.year, 1, 1)

    @property
    def last(self) -> datetime.date:
        return D(self.year, 12, 31)

    def working_day(self, rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
        """A working day between ``first`` and ``last`` (inclusive), or ``first`` if there is none."""
        i = bisect_left(self.working_days, first)
        j = bisect_right(self.working_days, last)
        return self.working_days[rng.randrange(i, j)] if i < j else first


@functools.cache
def _calendar(year: int) -> _Calendar:
    easter = _easter(year)
    public = {
        D(year, m, d) for m, d in ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))
    }
    public |= {easter + datetime.timedelta(days=n) for n in (1, 39, 50)}
    holidays = {
        day for (m1, d1), (m2, d2) in _SCHOOL_HOLIDAYS for day in _days(D(year, m1, d1), D(year, m2, d2))
    }
    working = tuple(
        day for day in _days(D(year, 1, 1), D(year, 12, 31)) if day.weekday() < 6 and day not in public
    )
    school = frozenset(day for day in working if day.weekday() < 5 and day not in holidays)
    action_days = [day for day in working if day.weekday() in (2, 5) or day in holidays]
    return _Calendar(
        year=year,
        working_days=working,
        school_days=school,
        action_days_by_month={m: tuple(day for day in action_days if day.month == m) for m in range(1, 13)},
    )


def _days(first: datetime.date, last: datetime.date) -> Iterable[datetime.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY
