"""Drill-down: the records a cell of the report counts.

``members(scope=..., table="age", row="12-15", column="F")`` returns the
queryset behind that cell, built from the same record set and the same keys as
the figure, so that ``members(...).count()`` is the cell's number for every
cell that counts records (the youths, interventions, actions, sessions or
meetings of a row). A percentage, an average, days or hours are about the same
records as their row: their drill-down is the row's records.
"""

from django.db.models import QuerySet

from carnet.youths.models import GoalProgress

from ..scope import ReportScope
from . import keys
from .activity import after_needs_study, local_development_actions
from .paei import goals_reviewed, youths_with_paei_review
from .records import (
    actions_in_report,
    interventions_in_report,
    meetings_in_report,
    presence_sessions_in_report,
)
from .territory import diagnostics_in_report, diagnostics_of_quartier
from .youths import youths_in_cell, youths_in_report

# The columns each table of records accepts.
_COLUMNS = {
    keys.DOMAINS: (keys.INTERVENTIONS, keys.YOUTHS, keys.PERCENT),
    keys.ACTION_CATEGORIES: (keys.ACTIONS, keys.DAYS),
    keys.ACTION_TYPES: (keys.ACTIONS, keys.DAYS),
    keys.DSL: (keys.ACTIONS,),
    keys.GENERAL_ACTION: (keys.COUNT,),
    keys.PRESENCE: (keys.SESSIONS, keys.HOURS, keys.MET),
    keys.MEETINGS: (keys.MEETING_COUNT, keys.HOURS),
    keys.PAEI_GOALS: (*GoalProgress.values, keys.GOALS),
    keys.DIAGNOSTICS: (keys.COUNT,),
}

# The field holding a record's row key, per table.
_ROW_FIELDS = {
    keys.DOMAINS: "domains__code",
    keys.ACTION_CATEGORIES: "action_type__category",
    keys.ACTION_TYPES: "action_type__code",
    keys.DSL: "role",
    keys.PRESENCE: "kind__code",
    keys.MEETINGS: "kind__code",
}


def members(*, scope: ReportScope, table: str, row: str, column: str) -> QuerySet:
    """The youths, interventions, collective actions, sessions or meetings behind a cell."""
    if table in keys.YOUTH_TABLES:
        return youths_in_cell(scope=scope, table=table, row=row, column=column)
    if table not in _COLUMNS:
        raise ValueError(f"Unknown report table: {table!r}")
    if column not in _COLUMNS[table]:
        raise ValueError(f"Unknown column of table {table!r}: {column!r}")
    if table == keys.GENERAL_ACTION:
        return _general_action(scope=scope, row=row)
    if table == keys.PAEI_GOALS:
        return _paei_goals(scope=scope, row=row, column=column)
    if table == keys.DIAGNOSTICS:
        diagnostics = diagnostics_in_report(scope=scope)
        return diagnostics if row == keys.TOTAL else diagnostics_of_quartier(scope=scope, key=row)
    records = _records(scope=scope, table=table)
    if row != keys.TOTAL:
        records = records.filter(**{_ROW_FIELDS[table]: row})
    if table == keys.DOMAINS and column == keys.YOUTHS:
        return youths_in_report(scope=scope).filter(pk__in=records.values("youth"))
    return records


def _records(*, scope: ReportScope, table: str) -> QuerySet:
    if table == keys.DOMAINS:
        return interventions_in_report(scope=scope)
    if table == keys.DSL:
        return local_development_actions(scope=scope)
    if table in (keys.ACTION_CATEGORIES, keys.ACTION_TYPES):
        return actions_in_report(scope=scope)
    if table == keys.PRESENCE:
        return presence_sessions_in_report(scope=scope)
    return meetings_in_report(scope=scope)


def _general_action(*, scope: ReportScope, row: str) -> QuerySet:
    if row == keys.YOUTHS_MET:
        return youths_in_report(scope=scope)
    if row == keys.YOUTHS_IN_CONTACT:
        return youths_in_report(scope=scope).filter(modality_rank__isnull=False)
    if row == keys.COMMUNE_EVENTS:
        return actions_in_report(scope=scope).filter(commune_event=True)
    if row == keys.PAEI_REVIEWED:
        return youths_with_paei_review(scope=scope)
    if row == keys.AFTER_NEEDS_STUDY:
        return actions_in_report(scope=scope).filter(after_needs_study())
    raise ValueError(f"Unknown row of table {keys.GENERAL_ACTION!r}: {row!r}")


def _paei_goals(*, scope: ReportScope, row: str, column: str) -> QuerySet:
    goals = goals_reviewed(scope=scope)
    if row == keys.NOT_RECORDED:
        goals = goals.filter(domain__isnull=True)
    elif row != keys.TOTAL:
        goals = goals.filter(domain__code=row)
    return goals if column == keys.GOALS else goals.filter(outcome=column)
