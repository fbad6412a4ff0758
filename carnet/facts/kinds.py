"""The kinds of derived facts: for each, its model, key and figures, and the rows the records
say (a GROUP BY the database computes); the plain writes every refresh is made of."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.reports.rules.activity import action_line_figures
from carnet.reports.rules.expressions import DaysBetween, YearOf

from .models import ActionFact, ActionLineFact, DomainYearFact, InterventionFact, PresenceFact

BATCH_SIZE = 5000


@dataclass(frozen=True)
class FactKind:
    """One kind of fact: its model, its key and figures (fields of the model), and the rows
    the records say for a condition on the source records (key values, then figures)."""

    model: type[models.Model]
    key: tuple[str, ...]
    figures: tuple[str, ...]
    source: Callable[[Q], models.QuerySet]
    team: str  # the source records' path to their team, to refresh a team's facts
    year: str  # the source records' path to their date, to refresh a team's facts of some years
    records: type[models.Model]  # the records a fact sums, and their date field
    date: str
    # Fields set after the facts are written, from the facts themselves (``link_previous_years``).
    derived: tuple[str, ...] = ()


def _interventions(condition: Q) -> models.QuerySet:
    # R8 counts an intervention only with a youth of its own team: the others make no fact.
    links = Intervention.domains.through.objects.filter(
        condition, intervention__team=F("intervention__youth__team")
    )
    return (
        links.order_by()
        .values_list("intervention__team", "intervention__youth", YearOf("intervention__date"), "domain")
        .annotate(interventions=Count("pk"))
    )


def _domain_years(condition: Q) -> models.QuerySet:
    # From the intervention facts, once their previous years are linked (0: none).
    return (
        InterventionFact.objects.filter(condition)
        .order_by()
        .values_list("team", "year", "domain", Coalesce("previous_year", 0))
        .annotate(youths=Count("pk"), interventions=Sum("interventions"))
    )


def _sessions(condition: Q) -> models.QuerySet:
    return (
        PresenceSession.objects.filter(condition)
        .order_by()
        .values_list("team", YearOf("date"), "kind")
        .annotate(sessions=Count("pk"), minutes=Sum("duration_minutes"), youths_met=Sum("youths_met"))
    )


def _actions(condition: Q) -> models.QuerySet:
    return (
        CollectiveAction.objects.filter(condition)
        .order_by()
        .values_list("team", YearOf("start_date"), "action_type")
        .annotate(actions=Count("pk"), span=Sum(DaysBetween(F("start_date"), F("end_date"))))
    )


def _action_lines(condition: Q) -> models.QuerySet:
    return (
        CollectiveAction.objects.filter(condition)
        .order_by()
        .values_list("team", YearOf("start_date"), "title", "action_type", "role")
        .annotate(**action_line_figures())
    )


INTERVENTIONS = FactKind(
    InterventionFact,
    ("team_id", "youth_id", "year", "domain_id"),
    ("interventions",),
    _interventions,
    team="intervention__team",
    year="intervention__date",
    records=Intervention,
    date="date",
    derived=("previous_year",),
)
# Summed from the intervention facts (its records), not from the records themselves.
DOMAIN_YEARS = FactKind(
    DomainYearFact,
    ("team_id", "year", "domain_id", "previous_year"),
    ("youths", "interventions"),
    _domain_years,
    team="team",
    year="year",
    records=InterventionFact,
    date="",
)
SESSIONS = FactKind(
    PresenceFact,
    ("team_id", "year", "kind_id"),
    ("sessions", "minutes", "youths_met"),
    _sessions,
    team="team",
    year="date",
    records=PresenceSession,
    date="date",
)
ACTIONS = FactKind(
    ActionFact,
    ("team_id", "year", "action_type_id"),
    ("actions", "span"),
    _actions,
    team="team",
    year="start_date",
    records=CollectiveAction,
    date="start_date",
)
ACTION_LINES = FactKind(
    ActionLineFact,
    ("team_id", "year", "title", "action_type_id", "role"),
    ("first_action", "actions", "first_date", "last_date", "span", "participants"),
    _action_lines,
    team="team",
    year="start_date",
    records=CollectiveAction,
    date="start_date",
)
KINDS = (INTERVENTIONS, SESSIONS, ACTIONS, ACTION_LINES)
ACTION_KINDS = (ACTIONS, ACTION_LINES)
KINDS_OF_RECORDS = {"interventions": (INTERVENTIONS,), "actions": ACTION_KINDS, "presences": (SESSIONS,)}


def write_facts(kind: FactKind, condition: Q) -> int:
    """Insert the facts the records say, in one INSERT … SELECT: no row comes back to Python."""
    query = kind.source(condition)
    sql, params = query.query.sql_with_params()
    table = connection.ops.quote_name(kind.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns_of(kind)}) {sql}", params)
        return cursor.rowcount


def columns_of(kind: FactKind) -> str:
    fields = (kind.model._meta.get_field(name).column for name in kind.key + kind.figures)
    return ", ".join(connection.ops.quote_name(column) for column in fields)


def delete_facts(queryset: models.QuerySet) -> None:
    # Facts are not audited and nothing refers to them: one DELETE, without the fetch of every
    # row that Django's delete makes when any post_delete receiver exists (the audit's).
    queryset._raw_delete(queryset.db)


def in_years(field: str, years: Iterable[int]) -> Q:
    condition = Q(pk__in=[])
    for year in set(years):
        condition |= Q(**{f"{field}__year": year})
    return condition
