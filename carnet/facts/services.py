"""Writes of the derived facts: refreshed from the records by the write services, in their
transaction, rebuilt whole by ``bin/carnet rebuild-facts``, compared with the records by
``bin/carnet check-facts``.

A refresh recomputes the facts a write may have changed from the records themselves (a
youth's interventions, a team's sessions or actions of a year: a few rows read from an
index), so the write pays one small GROUP BY instead of keeping counts in step by hand.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.organisations.models import Team
from carnet.reports.rules.activity import action_line_figures
from carnet.reports.rules.expressions import DaysBetween, YearOf
from carnet.youths.models import Youth

from .models import ActionFact, ActionLineFact, DomainYearFact, InterventionFact, PresenceFact

BATCH_SIZE = 5000
# The advisory lock a transaction takes, per team, before it rewrites the team's facts.
FACTS_LOCK = 0x46414354


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
    # Fields set after the facts are written, from the facts themselves (``_link_years``).
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


def _write(kind: FactKind, condition: Q) -> int:
    """Insert the facts the records say, in one INSERT … SELECT: no row comes back to Python."""
    query = kind.source(condition)
    sql, params = query.query.sql_with_params()
    table = connection.ops.quote_name(kind.model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({_columns(kind)}) {sql}", params)
        return cursor.rowcount


def _columns(kind: FactKind) -> str:
    fields = (kind.model._meta.get_field(name).column for name in kind.key + kind.figures)
    return ", ".join(connection.ops.quote_name(column) for column in fields)


def _delete(queryset: models.QuerySet) -> None:
    # Facts are not audited and nothing refers to them: one DELETE, without the fetch of every
    # row that Django's delete makes when any post_delete receiver exists (the audit's).
    queryset._raw_delete(queryset.db)


def _in_years(field: str, years: Iterable[int]) -> Q:
    condition = Q(pk__in=[])
    for year in set(years):
        condition |= Q(**{f"{field}__year": year})
    return condition


@transaction.atomic(savepoint=False)
def refresh_youth_facts(*, youth_ids: Iterable[int | None], team_years: Iterable[tuple] = ()) -> None:
    """Recompute the intervention facts of these youths (after a write that touched them), and
    the sums by team and year (``DomainYearFact``) of the years they had or have facts in,
    and of ``team_years`` (``youth_fact_years`` read before the youths were deleted)."""
    ids = sorted({pk for pk in youth_ids if pk is not None})
    touched = set(team_years)
    if ids:
        delete, insert, link, _team_years = _youth_statements(len(ids), connection.vendor)
        touched |= youth_fact_years(youth_ids=ids)
        _lock_teams({team_id for team_id, _year in touched})
        with connection.cursor() as cursor:
            for statement in (delete, insert, link):
                cursor.execute(statement, ids)
        touched |= youth_fact_years(youth_ids=ids)
    refresh_domain_years(team_years=touched)


def youth_fact_years(*, youth_ids: Iterable[int]) -> set[tuple[int, int | None]]:
    """The (team, year) of these youths' intervention facts, and (team, None) for their teams:
    the sums a change of their facts may touch."""
    ids = sorted(set(youth_ids))
    if not ids:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(_youth_statements(len(ids), connection.vendor)[3], [*ids, *ids])
        return set(cursor.fetchall())


def refresh_domain_years(*, team_years: Iterable[tuple[int, int | None]]) -> None:
    """Write again the sums by team, year, domain and previous year of these (team, year)
    (a year None only names the team, whose facts must be locked)."""
    years_by_team: dict[int, set[int]] = {}
    for team_id, year in team_years:
        years_by_team.setdefault(team_id, set())
        if year is not None:
            years_by_team[team_id].add(year)
    _lock_teams(years_by_team)
    for team_id, years in years_by_team.items():
        if years:
            _sum_domain_years(team_id=team_id, years=years)


@functools.cache
def _youth_statements(count: int, vendor: str) -> tuple[str, str, str, str]:
    """The DELETE, INSERT … SELECT and linking of the years (``_link_years``) of
    ``refresh_youth_facts`` for ``count`` youths, their parameters the youths' ids, and the
    SELECT of the teams and years those youths' facts are in (or, for a youth without any,
    their team: the team whose facts a write for them may change; parameters the ids twice).
    Every intervention saved runs them: compiled once, by Django from the facts' source
    query, they cost the save 0.1 ms instead of 0.6 ms (most of it was building the query in
    Python)."""
    sentinels = list(range(-count, 0))
    table = connection.ops.quote_name(InterventionFact._meta.db_table)
    column = connection.ops.quote_name(InterventionFact._meta.get_field("youth").column)
    youths_table = connection.ops.quote_name(Youth._meta.db_table)
    placeholders = ", ".join(["%s"] * count)
    these_youths = f"WHERE {column} IN ({placeholders})"
    sql, params = INTERVENTIONS.source(Q(intervention__youth__in=sentinels)).query.sql_with_params()
    if list(params) != sentinels:
        # The statement takes the ids as its only parameters, in this order.
        raise RuntimeError(f"The intervention facts' query has other parameters: {params!r}")
    insert = f"INSERT INTO {table} ({_columns(INTERVENTIONS)}) {sql}"
    team_years = (
        f"SELECT DISTINCT team_id, year FROM {table} {these_youths} "
        f"UNION SELECT team_id, NULL FROM {youths_table} WHERE id IN ({placeholders})"
    )
    return f"DELETE FROM {table} {these_youths}", insert, _link_years_sql(these_youths), team_years


def _sum_domain_years(*, team_id: int, years: Iterable[int] | None = None) -> None:
    """Write again a team's sums of intervention facts by year, domain and previous year
    (``DomainYearFact``), for these years (None: every year)."""
    condition = Q(team=team_id) if years is None else Q(team=team_id, year__in=sorted(years))
    _delete(DomainYearFact.objects.filter(condition))
    _write(DOMAIN_YEARS, condition)


def _lock_teams(team_ids: Iterable[int]) -> None:
    """Wait for any other transaction rewriting these teams' facts to end (PostgreSQL).

    A refresh deletes then inserts a team's facts by their key: two at once, each blind to
    the other's new rows, would insert the same key twice and one would fail. The locks are
    taken in the order of the teams, and last in the write, so they cannot deadlock. SQLite
    writes one transaction at a time already."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for team_id in sorted(team_ids):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [FACTS_LOCK, team_id])


def _link_years(*, team_id: int | None = None) -> None:
    """Set the previous year of every intervention fact of a team (None: of every team).

    A fact's previous year depends on the same youth's facts of other years, so a refresh
    of some years links the team's facts again (a few thousand rows, one UPDATE)."""
    table = connection.ops.quote_name(InterventionFact._meta.db_table)
    where, params = ("", []) if team_id is None else (f"WHERE {table}.team_id = %s", [team_id])
    with connection.cursor() as cursor:
        cursor.execute(_link_years_sql(where), params)


def _link_years_sql(where: str) -> str:
    """The UPDATE that gives the intervention facts selected by ``where`` their previous year:
    the latest earlier year of a fact of the same youth and domain (the unique key's index)."""
    table = connection.ops.quote_name(InterventionFact._meta.db_table)
    return (
        f"UPDATE {table} SET previous_year = (SELECT MAX(earlier.year) FROM {table} earlier "
        f"WHERE earlier.youth_id = {table}.youth_id AND earlier.domain_id = {table}.domain_id "
        f"AND earlier.year < {table}.year) {where}"
    )


@transaction.atomic(savepoint=False)
def refresh_team_year_facts(*, kind: FactKind, team_id: int, years: Iterable[int | None]) -> None:
    """Recompute a team's facts of ``kind`` for these years (after a session or an action was
    saved or deleted: its year before and after; None, the year of a new record, is skipped)."""
    years = {year for year in years if year is not None}
    if not years:
        return
    _lock_teams([team_id])
    _delete(kind.model.objects.filter(team=team_id, year__in=years))
    _write(kind, Q(**{kind.team: team_id}) & _in_years(kind.year, years))
    if kind.derived:
        # The previous years of the team's other years may change too: all are linked and summed.
        _link_years(team_id=team_id)
        _sum_domain_years(team_id=team_id)


@transaction.atomic(savepoint=False)
def refresh_action_facts(*, team_id: int, years: Iterable[int | None]) -> None:
    """Recompute a team's action facts (by type, and the lines of the list) for these years."""
    for kind in ACTION_KINDS:
        refresh_team_year_facts(kind=kind, team_id=team_id, years=years)


def participation_years(
    *, youth_ids: Iterable[int] = (), action_ids: Iterable[int] = ()
) -> dict[int, set[int]]:
    """The teams and years of these collective actions, or of those these youths took part in:
    the lines of the action list whose participants change when links are added or removed,
    or youths merged or erased (read before the links go)."""
    actions = CollectiveAction.objects.filter(
        Q(participants__in=list(youth_ids)) | Q(pk__in=list(action_ids))
    )
    rows = actions.order_by().values_list("team", YearOf("start_date")).distinct()
    years: dict[int, set[int]] = {}
    for team_id, year in rows:
        years.setdefault(team_id, set()).add(year)
    return years


@transaction.atomic(savepoint=False)
def refresh_participation_facts(*, years: dict[int, set[int]]) -> None:
    """Recompute the action-list lines of these teams and years (``participation_years``)."""
    for team_id, team_years in years.items():
        refresh_team_year_facts(kind=ACTION_LINES, team_id=team_id, years=team_years)


def years_of_import(*, records: str, created: list, updated: list) -> set[int]:
    """The years an import of ``records`` touches, read before it is written: those of the
    records it creates, and of those it updates as they are stored and as they will be."""
    years: set[int] = set()
    for kind in KINDS_OF_RECORDS.get(records, ()):
        stored = kind.records.objects.filter(pk__in=[record.pk for record in updated])
        years |= {day.year for day in stored.values_list(kind.date, flat=True)}
        years |= {getattr(record, kind.date).year for record in [*created, *updated]}
    return years


@transaction.atomic(savepoint=False)
def refresh_import_facts(*, team: Team, records: str, years: Iterable[int]) -> None:
    """Recompute a team's facts made from ``records`` for the years an import touched."""
    for kind in KINDS_OF_RECORDS.get(records, ()):
        refresh_team_year_facts(kind=kind, team_id=team.pk, years=years)


@transaction.atomic(savepoint=False)
def refresh_team_facts(*, team: Team | int) -> None:
    """Recompute every fact of a team (after a bulk load, which may touch any record)."""
    team_id = team.pk if isinstance(team, Team) else team
    _lock_teams([team_id])
    for kind in KINDS:
        _delete(kind.model.objects.filter(team=team_id))
        _write(kind, Q(**{kind.team: team_id}))
    _link_years(team_id=team_id)
    _sum_domain_years(team_id=team_id)


@transaction.atomic(savepoint=False)
def rebuild_facts() -> int:
    """Write every fact again from the records; returns the number of facts written."""
    written = 0
    for kind in KINDS:
        _delete(kind.model.objects.all())
        written += _write(kind, Q())
    _link_years()
    _delete(DomainYearFact.objects.all())
    return written + _write(DOMAIN_YEARS, Q())


def fill_missing_facts() -> int:
    """Write the facts of every kind whose table is empty while its records say some: a
    database migrated from before the kind existed (or before the facts did) would otherwise
    give false figures for whole years until ``rebuild-facts``. Run after each ``migrate``;
    a kind whose table the migrations did not reach yet is left. Returns the facts written."""
    tables = set(connection.introspection.table_names())
    written = 0
    # The sums by team and year come last: they are read from the intervention facts.
    for kind in (*KINDS, DOMAIN_YEARS):
        if kind.model._meta.db_table not in tables or kind.model.objects.exists():
            continue
        if kind.source(Q()).exists():
            with transaction.atomic():
                written += _write(kind, Q())
                if kind.derived:
                    _link_years()
    return written
