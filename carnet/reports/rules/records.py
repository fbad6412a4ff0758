"""The records of a scope: which youths, interventions, actions, sessions and meetings it holds.

A record belongs to the scope when it belongs to the team and, for a commune
report, to that commune: youths by their commune, interventions through their
youth, actions, presence sessions and meetings by their own commune. Records
with no commune count only in the whole-team report. An organisation's scope
holds the records of all its teams, each counted as in its team's report.
"""

from django.db.models import F, Q, QuerySet

from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, PresenceSession
from carnet.youths.models import Youth

from ..scope import ReportScope


def youths_of_scope(*, scope: ReportScope) -> QuerySet[Youth]:
    """Youths of the team, and of the commune for a commune report, met in the period or not.
    A duplicate merged into another record is not a youth of its own: its records moved
    to the kept one, which is counted instead."""
    return Youth.objects.filter(youth_of_scope(scope))


def youth_of_scope(scope: ReportScope, prefix: str = "") -> Q:
    """The condition of ``youths_of_scope`` on the youth under ``prefix`` (``period__youth__``):
    a record of a youth joins its youth rather than testing an IN list of every youth of an
    organisation, which SQLite builds in full before the first row."""
    condition = Q(**{f"{prefix}merged_into__isnull": True}) & scope.records_of(f"{prefix}team")
    if scope.commune is not None:
        condition &= Q(**{f"{prefix}commune": scope.commune})
    return condition


def interventions_in_report(*, scope: ReportScope) -> QuerySet[Intervention]:
    """Interventions of the team dated in the period, with a youth of the scope (for an
    organisation: with a youth of the intervention's own team).

    An intervention belongs to a commune through its youth.
    """
    return Intervention.objects.filter(in_report(scope, "interventions"))


def actions_in_report(*, scope: ReportScope) -> QuerySet[CollectiveAction]:
    """Collective actions of the scope that start in the period (a trip is counted when it starts)."""
    return CollectiveAction.objects.filter(in_report(scope, "actions"))


def presence_sessions_in_report(*, scope: ReportScope) -> QuerySet[PresenceSession]:
    """Street-presence sessions of the scope dated in the period."""
    return PresenceSession.objects.filter(in_report(scope, "sessions"))


def meetings_in_report(*, scope: ReportScope) -> QuerySet[PartnershipMeeting]:
    """Partnership meetings of the scope dated in the period."""
    return PartnershipMeeting.objects.filter(in_report(scope, "meetings"))


def in_report(scope: ReportScope, records: str, prefix: str = "", *, teams: bool = True) -> Q:
    """The condition of the record sets above, on fields under ``prefix``: a link table
    (``intervention__``) filters its rows by it, and joins, instead of testing an IN list
    of every record of the report. Without ``teams``, the condition on the record's team is
    left to the caller, who knows it holds (an intervention's youth is still of its team)."""
    period = (scope.start, scope.end)
    if records == "interventions":
        if teams:
            condition = scope.same_team_as_youth(f"{prefix}team", f"{prefix}youth__team")
        else:
            condition = Q(**{f"{prefix}youth__team": F(f"{prefix}team")})
        condition &= Q(**{f"{prefix}date__range": period})
        commune = f"{prefix}youth__commune"
    else:
        date = "start_date" if records == "actions" else "date"
        condition = Q(**{f"{prefix}{date}__range": period})
        if teams:
            condition &= scope.records_of(f"{prefix}team")
        commune = f"{prefix}commune"
    if scope.commune is not None:
        condition &= Q(**{commune: scope.commune})
    return condition
