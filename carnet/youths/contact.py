"""The one « last contact » rule: the youth list, the reminders, retention and the report read it here.

Stated for the teams in docs/counting-rules.md (« Dernier contact »).
"""

import datetime

from django.db.models import Case, DateField, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, Least, NullIf

from carnet.activity.models import CollectiveAction, Intervention, PresenceSession

from .models import AccompanimentPeriod

_FAR_PAST = datetime.date(1900, 1, 1)


def _latest(queryset: QuerySet, date_field: str) -> Coalesce:
    newest = queryset.order_by(F(date_field).desc()).values(date_field)[:1]
    return Coalesce(Subquery(newest), Value(_FAR_PAST), output_field=DateField())


def last_contact_on(day: datetime.date) -> NullIf:
    """The last day, up to ``day``, the team met the outer youth (``OuterRef("pk")``); None if never.

    A contact is a dated event with the youth, and nothing else:
    - the date of first contact;
    - an intervention;
    - the start of an accompaniment period, and its end once reached (an accompaniment
      in progress is not by itself a contact: a youth in PAEI not met for two months
      has not been met);
    - a collective action the youth took part in, on its last day (on ``day`` while it runs);
    - a presence session where the youth was named.
    Events after ``day`` (planned actions) do not count. The date the file was created is
    not a contact: a youth never met has no last contact.
    """
    youth = OuterRef("pk")
    periods = AccompanimentPeriod.objects.filter(youth=youth)
    participations = CollectiveAction.participants.through.objects.filter(
        youth=youth, collectiveaction__start_date__lte=day
    ).annotate(last_day=Least(F("collectiveaction__end_date"), Value(day), output_field=DateField()))
    # SQLite's MAX() of several values is NULL when one is: absent dates become a far past day.
    latest = Greatest(
        Case(
            When(first_contact_date__lte=day, then=F("first_contact_date")),
            default=Value(_FAR_PAST),
            output_field=DateField(),
        ),
        _latest(Intervention.objects.filter(youth=youth, date__lte=day), "date"),
        _latest(periods.filter(start__lte=day), "start"),
        _latest(periods.filter(end__lte=day), "end"),
        _latest(participations, "last_day"),
        _latest(
            PresenceSession.known_youths.through.objects.filter(youth=youth, presencesession__date__lte=day),
            "presencesession__date",
        ),
        output_field=DateField(),
    )
    return NullIf(latest, Value(_FAR_PAST), output_field=DateField())
