"""What the home pages show: recent youths, the year to show, the team's figures."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.utils import timezone

from carnet.access.models import User
from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.organisations.models import Team
from carnet.reports.build import build_report
from carnet.reports.report import ActivityReport
from carnet.reports.scope import ReportScope
from carnet.youths.models import Youth


def recent_youths(*, user: User, teams: QuerySet[Team], limit: int = 8) -> QuerySet[Youth]:
    """Youths this educator worked with most recently (their own interventions first)."""
    return (
        Youth.objects.filter(team__in=teams, interventions__educators=user)
        .annotate(last_seen=Max("interventions__date"))
        .order_by("-last_seen", "pk")[:limit]
    )


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
