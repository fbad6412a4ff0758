"""The 2023 calendar of the Académie de Lille (zone B), for plausible dates."""

import datetime
import random
from collections.abc import Iterable

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)

SCHOOL_HOLIDAYS = (
    (D(2023, 4, 22), D(2023, 5, 8)),
    (D(2023, 5, 18), D(2023, 5, 21)),  # pont de l'Ascension
    (D(2023, 7, 8), D(2023, 9, 3)),
    (D(2023, 10, 21), D(2023, 11, 5)),
    (D(2023, 12, 23), D(2024, 1, 7)),
)
PUBLIC_HOLIDAYS = {
    D(2023, 5, 18),
    D(2023, 5, 29),
    D(2023, 7, 14),
    D(2023, 8, 15),
    D(2023, 11, 1),
    D(2023, 11, 11),
    D(2023, 12, 25),
}


def days_between(start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


def is_school_holiday(day: datetime.date) -> bool:
    return any(first <= day <= last for first, last in SCHOOL_HOLIDAYS)


def is_working_day(day: datetime.date) -> bool:
    """Educators work Monday to Saturday, not on public holidays."""
    return day.weekday() < 6 and day not in PUBLIC_HOLIDAYS


def is_school_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and is_working_day(day) and not is_school_holiday(day)


def is_action_day(day: datetime.date) -> bool:
    """Collective actions happen on Wednesdays and Saturdays, and any working day of the holidays."""
    return is_working_day(day) and (day.weekday() in (2, 5) or is_school_holiday(day))


def working_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [day for day in days_between(start, end) if is_working_day(day)]


def random_day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    """A working day between ``start`` and ``end`` (inclusive), or ``start`` if there is none."""
    days = working_days(start, end)
    return rng.choice(days) if days else start


def plus_days(day: datetime.date, days: int) -> datetime.date:
    return day + datetime.timedelta(days=days)
