"""The records of a scope: which youths, interventions, actions, sessions and meetings it holds.

A record belongs to the scope when it belongs to the team and, for a commune
report, to that commune: youths by their commune, interventions through their
youth, actions, presence sessions and meetings by their own commune. Records
with no commune count only in the whole-team report.
"""

from django.db.models import QuerySet

from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, PresenceSession
from carnet.youths.models import Youth

from ..scope import ReportScope


def youths_of_scope(*, scope: ReportScope) -> QuerySet[Youth]:
    """Youths of the team, and of the commune for a commune report, met in the period or not.
    A duplicate merged into another record is not a youth of its own: its records moved
    to the kept one, which is counted instead."""
    youths = Youth.objects.active().filter(team=scope.team)
    if scope.commune is not None:
        youths = youths.filter(commune=scope.commune)
    return youths


def interventions_in_report(*, scope: ReportScope) -> QuerySet[Intervention]:
    """Interventions of the team dated in the period, with a youth of the scope.

    An intervention belongs to a commune through its youth.
    """
    interventions = Intervention.objects.filter(
        team=scope.team, youth__team=scope.team, date__range=(scope.start, scope.end)
    )
    if scope.commune is not None:
        interventions = interventions.filter(youth__commune=scope.commune)
    return interventions


def actions_in_report(*, scope: ReportScope) -> QuerySet[CollectiveAction]:
    """Collective actions of the scope that start in the period (a trip is counted when it starts)."""
    actions = CollectiveAction.objects.filter(team=scope.team, start_date__range=(scope.start, scope.end))
    if scope.commune is not None:
        actions = actions.filter(commune=scope.commune)
    return actions


def presence_sessions_in_report(*, scope: ReportScope) -> QuerySet[PresenceSession]:
    """Street-presence sessions of the scope dated in the period."""
    sessions = PresenceSession.objects.filter(team=scope.team, date__range=(scope.start, scope.end))
    if scope.commune is not None:
        sessions = sessions.filter(commune=scope.commune)
    return sessions


def meetings_in_report(*, scope: ReportScope) -> QuerySet[PartnershipMeeting]:
    """Partnership meetings of the scope dated in the period."""
    meetings = PartnershipMeeting.objects.filter(team=scope.team, date__range=(scope.start, scope.end))
    if scope.commune is not None:
        meetings = meetings.filter(commune=scope.commune)
    return meetings
