"""A person's agenda as an iCalendar file (RFC 5545), for their phone's or desk's calendar.

What it carries is chosen field by field: the kind, the title, the place, the
commune and quartier, the times. No youth is linked to a planned event; the
team meeting's agenda and decisions stay in Carnet.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import PlannedEvent


def _summary(event: PlannedEvent) -> str:
    kind = str(event.get_kind_display())
    return f"{kind} — {event.title}" if event.title else kind


def _location(event: PlannedEvent) -> str:
    parts = [
        event.place,
        event.quartier.name if event.quartier else "",
        event.commune.name if event.commune else "",
    ]
    return ", ".join(part for part in parts if part)


def calendar_bytes(*, events: Iterable[PlannedEvent], host: str) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Carnet//Agenda de l'équipe//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Carnet")
    stamp = timezone.now()
    for planned in events:
        event = Event()
        event.add("uid", f"carnet-agenda-{planned.pk}@{host}")
        event.add("dtstamp", stamp)
        # In UTC: a calendar then needs no VTIMEZONE block to read the times right.
        for name, time in (("dtstart", planned.start_time), ("dtend", planned.end_time)):
            moment = datetime.datetime.combine(planned.date, time, tzinfo=zone)
            event.add(name, moment.astimezone(datetime.UTC))
        event.add("summary", _summary(planned))
        if location := _location(planned):
            event.add("location", location)
        event.add("last-modified", planned.updated_at)
        calendar.add_component(event)
    return calendar.to_ical()
