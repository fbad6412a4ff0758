"""Reads of the team's agenda: a week, and what a person's calendar feed holds.

Every read takes a fixed number of queries whatever the number of events.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from carnet.access.models import User
from carnet.access.permissions import Capability, teams_with
from carnet.organisations.models import Team

from .models import EventKind, PlannedEvent

# A feed carries the recent past and the coming year: calendars keep what they already read.
FEED_PAST_DAYS = 60
FEED_FUTURE_DAYS = 365


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Day:
    day: datetime.date
    events: list[PlannedEvent]


@dataclass(frozen=True)
class Week:
    monday: datetime.date
    days: list[Day]

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def previous(self) -> datetime.date:
        return self.monday - datetime.timedelta(days=7)

    @property
    def next(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=7)


def events_of(*, teams: QuerySet[Team]) -> QuerySet[PlannedEvent]:
    return (
        PlannedEvent.objects.filter(team__in=teams)
        .select_related("team", "commune", "quartier", "presence_kind", "recorded_session")
        .prefetch_related("people")
    )


def week(*, teams: QuerySet[Team], monday: datetime.date) -> Week:
    """The seven days from ``monday`` with the events ``teams`` planned, in time order."""
    sunday = monday + datetime.timedelta(days=6)
    events = list(events_of(teams=teams).filter(date__range=(monday, sunday)))
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    return Week(monday=monday, days=[Day(day, [e for e in events if e.date == day]) for day in days])


def feed_events(*, user: User, today: datetime.date) -> QuerySet[PlannedEvent]:
    """``user``'s own agenda: the events they are planned at, and their teams' team meetings."""
    teams = teams_with(user, Capability.RECORD_ACTIVITY)
    mine = Q(people=user) | Q(kind=EventKind.TEAM_MEETING)
    window = (
        today - datetime.timedelta(days=FEED_PAST_DAYS),
        today + datetime.timedelta(days=FEED_FUTURE_DAYS),
    )
    return (
        PlannedEvent.objects.filter(mine, team__in=teams, date__range=window)
        .select_related("team", "commune", "quartier", "presence_kind")
        .distinct()
        .order_by("date", "start_time", "id")
    )
