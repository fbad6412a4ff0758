"""Reads of the retention rule: each youth's last contact, computed in the database.

The last contact is the one rule of ``carnet.youths.contact``. Two things are the
retention's own: a youth never met counts from the day the file was created, and a
youth whose accompaniment is in progress stays in the active base whatever the last
contact. Every read takes a fixed number of queries.
"""

import datetime

from django.conf import settings
from django.db.models import DateField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from carnet.organisations.models import Team
from carnet.youths.contact import last_contact_on
from carnet.youths.models import AccompanimentPeriod, Youth

from .models import YouthArchive


def youths_with_last_contact(*, today: datetime.date) -> QuerySet[Youth]:
    return Youth.objects.annotate(last_contact=last_contact_on(today))


def due_for_archive(*, today: datetime.date, teams: QuerySet[Team] | None = None) -> QuerySet[Youth]:
    """Youths of the active base whose last contact is more than the active period ago.

    Records merged into another one stay out: their records moved to the kept one.
    """
    limit = today - datetime.timedelta(days=settings.CARNET_RETENTION_ACTIVE_DAYS)
    youths = youths_with_last_contact(today=today).filter(merged_into__isnull=True, archive__isnull=True)
    if teams is not None:
        youths = youths.filter(team__in=teams)
    accompanied = AccompanimentPeriod.objects.filter(youth=OuterRef("pk"), start__lte=today).filter(
        Q(end__isnull=True) | Q(end__gte=today)
    )
    youths = youths.alias(
        retained_since=Coalesce("last_contact", TruncDate("created_at"), output_field=DateField()),
        accompanied=Exists(accompanied),
    )
    return youths.filter(retained_since__lt=limit, accompanied=False).order_by("id")


def due_for_anonymisation(
    *, today: datetime.date, teams: QuerySet[Team] | None = None
) -> QuerySet[YouthArchive]:
    """Archives kept longer than the archive period and not yet anonymised."""
    limit = today - datetime.timedelta(days=settings.CARNET_RETENTION_ARCHIVE_DAYS)
    archives = YouthArchive.objects.filter(anonymised_at__isnull=True, archived_at__date__lt=limit)
    if teams is not None:
        archives = archives.filter(youth__team__in=teams)
    return archives.order_by("youth_id")


def archive_list(*, archived: QuerySet[Youth]) -> QuerySet[Youth]:
    """``archived`` (the permission layer's archived youths), as the archive page lists them."""
    return archived.select_related("archive", "team", "commune", "quartier").order_by(
        "-archive__archived_at", "id"
    )
