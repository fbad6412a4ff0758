"""What the home pages show: recent youths, the year to show, the team's figures."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from carnet.access.models import User
from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.organisations.models import Team
from carnet.reports.build import build_report
from carnet.reports.report import ActivityReport
from carnet.reports.scope import ReportScope
from carnet.youths.contact import last_contact_on
from carnet.youths.models import AccompanimentPeriod, TeamFollowUp, Youth


def recent_youths(*, youths: QuerySet[Youth], user: User, limit: int = 8) -> QuerySet[Youth]:
    """Among ``youths`` (the permission layer's), those this educator worked with most recently."""
    return (
        youths.filter(interventions__educators=user)
        .annotate(last_seen=Max("interventions__date"))
        .order_by("-last_seen", "pk")[:limit]
    )


def youths_to_see_again(
    *, youths: QuerySet[Youth], user: User, teams: QuerySet[Team], today: datetime.date
) -> QuerySet[Youth]:
    """Among ``youths`` (the permission layer's, on ``teams``), those ``user`` is référent·e of
    (in an accompaniment running today) who are due a visit.

    Due: no contact (the one rule of ``carnet.youths.contact``) for more than the team's
    number of weeks (``TeamFollowUp``, 6 by default), or a PAEI review date that has come
    (``review_due_on``). Longest unseen first; one query whatever the number of youths.
    """
    team_ids = list(teams.values_list("pk", flat=True))
    weeks = dict(
        TeamFollowUp.objects.filter(team__in=team_ids).values_list("team_id", "weeks_without_contact")
    )
    running = AccompanimentPeriod.objects.filter(referents=user, start__lte=today).filter(
        Q(end__isnull=True) | Q(end__gte=today)
    )
    youths = youths.filter(pk__in=running.values("youth"))
    youths = youths.annotate(
        last_contact=last_contact_on(today),
        review_due_on=Subquery(
            running.filter(youth=OuterRef("pk"), next_review_on__lte=today).values("next_review_on")[:1]
        ),
    )
    not_seen = Q(pk__in=[])
    for team_id in team_ids:
        limit = today - datetime.timedelta(weeks=weeks.get(team_id, TeamFollowUp.DEFAULT_WEEKS))
        not_seen |= Q(team_id=team_id) & (Q(last_contact__lt=limit) | Q(last_contact__isnull=True))
    due = youths.filter(not_seen | Q(review_due_on__isnull=False))
    return due.order_by(F("last_contact").asc(nulls_first=True), "pk")


def reference_year(*, team: Team) -> int:
    """The current year, or the last year with records when nothing was recorded this year,
    so a team returning to Carnet (or the demo) sees figures rather than zeros."""
    today = timezone.localdate()
    latest = max(
        filter(
            None,
            [
                Intervention.objects.filter(team=team, date__lte=today).aggregate(d=Max("date"))["d"],
                PresenceSession.objects.filter(team=team, date__lte=today).aggregate(d=Max("date"))["d"],
                CollectiveAction.objects.filter(team=team, start_date__lte=today).aggregate(
                    d=Max("start_date")
                )["d"],
            ],
        ),
        default=today,
    )
    return latest.year


@dataclass(frozen=True)
class TeamYear:
    team: Team
    year: int
    is_current_year: bool
    report: ActivityReport


def team_year(*, team: Team) -> TeamYear:
    year = reference_year(team=team)
    today = timezone.localdate()
    start = datetime.date(year, 1, 1)
    end = min(datetime.date(year, 12, 31), today) if year == today.year else datetime.date(year, 12, 31)
    report = build_report(scope=ReportScope(team=team, start=start, end=end))
    return TeamYear(team=team, year=year, is_current_year=year == today.year, report=report)
