"""Reads of the retention rule: each youth's last contact, computed in the database.

The last contact is the latest of the first contact, the interventions, the starts
and ends of the accompaniment periods (an open period is a contact today), the
collective actions the youth took part in and the presence sessions where the
youth was named. A youth with none of these dates counts from the day the file
was created. Every read takes a fixed number of queries.
"""

import datetime

from django.conf import settings
from django.db.models import DateField, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, NullIf, TruncDate

from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.organisations.models import Team
from carnet.youths.models import AccompanimentPeriod, Youth

from .models import YouthArchive

_FAR_PAST = datetime.date(1900, 1, 1)


def _latest(queryset: QuerySet, date_field: str) -> Coalesce:
    newest = queryset.order_by(F(date_field).desc(nulls_last=True)).values(date_field)[:1]
    return Coalesce(Subquery(newest), Value(_FAR_PAST), output_field=DateField())


def last_contact(*, today: datetime.date) -> Coalesce:
    """The outer youth's last contact (see the module's docstring)."""
    youth = OuterRef("pk")
    periods = AccompanimentPeriod.objects.filter(youth=youth)
    period_ends = periods.annotate(last_day=Coalesce(F("end"), Value(today), output_field=DateField()))
    # SQLite's MAX() of several values is NULL when one is: absent dates become a far past day.
    latest = Greatest(
        Coalesce(F("first_contact_date"), Value(_FAR_PAST), output_field=DateField()),
        _latest(Intervention.objects.filter(youth=youth), "date"),
        _latest(periods, "start"),
        _latest(period_ends, "last_day"),
        _latest(
            CollectiveAction.participants.through.objects.filter(youth=youth), "collectiveaction__end_date"
        ),
        _latest(PresenceSession.known_youths.through.objects.filter(youth=youth), "presencesession__date"),
        output_field=DateField(),
    )
    return Coalesce(
        NullIf(latest, Value(_FAR_PAST), output_field=DateField()),
        TruncDate("created_at"),
        output_field=DateField(),
    )


def youths_with_last_contact(*, today: datetime.date) -> QuerySet[Youth]:
    return Youth.objects.annotate(last_contact=last_contact(today=today))


def due_for_archive(*, today: datetime.date, teams: QuerySet[Team] | None = None) -> QuerySet[Youth]:
    """Youths of the active base whose last contact is more than the active period ago.

    Records merged into another one stay out: their records moved to the kept one.
    """
    limit = today - datetime.timedelta(days=settings.CARNET_RETENTION_ACTIVE_DAYS)
    youths = youths_with_last_contact(today=today).filter(merged_into__isnull=True, archive__isnull=True)
    if teams is not None:
        youths = youths.filter(team__in=teams)
    return youths.filter(last_contact__lt=limit).order_by("id")


def due_for_anonymisation(
    *, today: datetime.date, teams: QuerySet[Team] | None = None
) -> QuerySet[YouthArchive]:
    """Archives kept longer than the archive period and not yet anonymised."""
    limit = today - datetime.timedelta(days=settings.CARNET_RETENTION_ARCHIVE_DAYS)
    archives = YouthArchive.objects.filter(anonymised_at__isnull=True, archived_at__date__lt=limit)
    if teams is not None:
        archives = archives.filter(youth__team__in=teams)
    return archives.order_by("youth_id")


def archived_youths(*, teams: QuerySet[Team]) -> QuerySet[Youth]:
    return (
        Youth.objects.filter(team__in=teams, archive__isnull=False)
        .select_related("archive", "team", "commune", "quartier")
        .order_by("-archive__archived_at", "id")
    )
