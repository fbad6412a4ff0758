"""The intervention facts of youths, refreshed by every write of an intervention, and the sums
by team and year the domain table reads (``DomainYearFact``), kept in step with them.

Every intervention saved refreshes its youth's facts: a few statements compiled once, then
the difference the youth's facts made added to the team's sums, so that a save costs the
same whatever the size of the team.
"""

import functools
from collections.abc import Iterable
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Q

from carnet.youths.models import Youth

from .kinds import DOMAIN_YEARS, INTERVENTIONS, columns_of, delete_facts, write_facts
from .models import DomainYearFact, InterventionFact

# The advisory lock a transaction takes, per team, before it rewrites the team's facts.
FACTS_LOCK = 0x46414354


@transaction.atomic(savepoint=False)
def refresh_youth_facts(*, youth_ids: Iterable[int | None], team_years: Iterable[tuple] = ()) -> None:
    """Recompute the intervention facts of these youths (after a write that touched them), add
    the difference to the sums by team and year (``DomainYearFact``), and sum again those of
    ``team_years`` (``youth_fact_years`` read before the youths were deleted)."""
    ids = sorted({pk for pk in youth_ids if pk is not None})
    if ids:
        statements = _youth_statements(len(ids), connection.vendor)
        if connection.vendor == "postgresql":
            lock_team_facts({team_id for team_id, _year in youth_fact_years(youth_ids=ids)})
        with connection.cursor() as cursor:
            cursor.execute(statements.rows, ids)
            before = cursor.fetchall()
            for statement in (statements.delete, statements.insert, statements.link):
                cursor.execute(statement, ids)
            cursor.execute(statements.rows, ids)
            after = cursor.fetchall()
        _add_to_domain_years(_difference(before, after))
    if team_years:
        refresh_domain_years(team_years=team_years)


def _difference(before: list[tuple], after: list[tuple]) -> dict[tuple, tuple[int, int]]:
    """What the youths' facts (team, year, domain, previous year or 0, interventions) add to
    each sum: one youth and their interventions per fact after, less those before."""
    changes: dict[tuple, tuple[int, int]] = {}
    for sign, rows in ((-1, before), (1, after)):
        for *key, interventions in rows:
            youths, counted = changes.get(tuple(key), (0, 0))
            changes[tuple(key)] = (youths + sign, counted + sign * interventions)
    return {key: change for key, change in changes.items() if change != (0, 0)}


def _add_to_domain_years(changes: dict[tuple, tuple[int, int]]) -> None:
    """Add each change to its sum: a new sum is inserted, an emptied one deleted. A sum the
    change cannot apply to (sums out of step with the facts: a negative count, a sum missing)
    is worked out again from the facts, so that the write goes through and the sums end true."""
    table = connection.ops.quote_name(DomainYearFact._meta.db_table)
    key = "team_id = %s AND year = %s AND domain_id = %s AND previous_year = %s"
    out_of_step = set()
    with connection.cursor() as cursor:
        for sum_key, (youths, interventions) in sorted(changes.items()):
            cursor.execute(
                f"UPDATE {table} SET youths = youths + %s, interventions = interventions + %s "
                f"WHERE {key} AND youths + %s >= 0 AND interventions + %s >= 0",
                [youths, interventions, *sum_key, youths, interventions],
            )
            if cursor.rowcount:
                if youths < 0:
                    cursor.execute(f"DELETE FROM {table} WHERE {key} AND youths = 0", list(sum_key))
                continue
            if youths > 0 and interventions > 0:
                cursor.execute(
                    f"INSERT INTO {table} (team_id, year, domain_id, previous_year, youths, interventions) "
                    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    [*sum_key, youths, interventions],
                )
                if cursor.rowcount:
                    continue
            out_of_step.add(sum_key[:2])
    if out_of_step:
        refresh_domain_years(team_years=out_of_step)


def youth_fact_years(*, youth_ids: Iterable[int]) -> set[tuple[int, int | None]]:
    """The (team, year) of these youths' intervention facts, and (team, None) for their teams:
    the sums a change of their facts may touch."""
    ids = sorted(set(youth_ids))
    if not ids:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(_youth_statements(len(ids), connection.vendor).team_years, [*ids, *ids])
        return set(cursor.fetchall())


def refresh_domain_years(*, team_years: Iterable[tuple[int, int | None]]) -> None:
    """Write again the sums by team, year, domain and previous year of these (team, year)
    (a year None only names the team, whose facts must be locked)."""
    years_by_team: dict[int, set[int]] = {}
    for team_id, year in team_years:
        years_by_team.setdefault(team_id, set())
        if year is not None:
            years_by_team[team_id].add(year)
    lock_team_facts(years_by_team)
    for team_id, years in years_by_team.items():
        if years:
            _sum_domain_years(team_id=team_id, years=years)


class YouthStatements(NamedTuple):
    delete: str
    insert: str
    link: str
    team_years: str
    rows: str


@functools.cache
def _youth_statements(count: int, vendor: str) -> YouthStatements:
    """The statements of ``refresh_youth_facts`` for ``count`` youths, their parameters the
    youths' ids: the DELETE, INSERT … SELECT and linking of the years (``link_previous_years``) of
    their facts; the SELECT of the teams and years those facts are in (or, for a youth
    without any, their team: the team whose facts a write for them may change; parameters
    the ids twice); the SELECT of the facts as the sums count them. Every intervention saved
    runs them: compiled once, by Django from the facts' source query, they cost the save
    0.1 ms instead of 0.6 ms (most of it was building the query in Python)."""
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
    return YouthStatements(
        delete=f"DELETE FROM {table} {these_youths}",
        insert=f"INSERT INTO {table} ({columns_of(INTERVENTIONS)}) {sql}",
        link=_link_previous_years_sql(these_youths),
        team_years=(
            f"SELECT DISTINCT team_id, year FROM {table} {these_youths} "
            f"UNION SELECT team_id, NULL FROM {youths_table} WHERE id IN ({placeholders})"
        ),
        rows=(
            f"SELECT team_id, year, domain_id, COALESCE(previous_year, 0), interventions "
            f"FROM {table} {these_youths}"
        ),
    )


def _sum_domain_years(*, team_id: int, years: Iterable[int] | None = None, since: int | None = None) -> None:
    """Write again a team's sums of intervention facts by year, domain and previous year
    (``DomainYearFact``), for these years, or those from ``since`` on (neither: every year)."""
    condition = Q(team=team_id)
    if years is not None:
        condition &= Q(year__in=sorted(years))
    if since is not None:
        condition &= Q(year__gte=since)
    delete_facts(DomainYearFact.objects.filter(condition))
    write_facts(DOMAIN_YEARS, condition)


def lock_team_facts(team_ids: Iterable[int]) -> None:
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


def relink_team_years(*, team_id: int, since: int | None = None) -> None:
    """Link the previous years of a team's intervention facts (``link_previous_years``) and write its
    sums again, for the years from ``since`` on (None: every year), after a refresh of the
    facts of some years: the previous year of a fact depends on the earlier years of its
    youth only, so the years before ``since`` keep theirs."""
    link_previous_years(team_id=team_id, since=since)
    _sum_domain_years(team_id=team_id, since=since)


def link_previous_years(*, team_id: int | None = None, since: int | None = None) -> None:
    """Set the previous year of every intervention fact of a team (None: of every team), of
    the years from ``since`` on (None: every year): one UPDATE."""
    table = connection.ops.quote_name(InterventionFact._meta.db_table)
    conditions, params = [], []
    if team_id is not None:
        conditions.append(f"{table}.team_id = %s")
        params.append(team_id)
    if since is not None:
        conditions.append(f"{table}.year >= %s")
        params.append(since)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    with connection.cursor() as cursor:
        cursor.execute(_link_previous_years_sql(where), params)


def _link_previous_years_sql(where: str) -> str:
    """The UPDATE that gives the intervention facts selected by ``where`` their previous year:
    the latest earlier year of a fact of the same youth and domain (the unique key's index)."""
    table = connection.ops.quote_name(InterventionFact._meta.db_table)
    return (
        f"UPDATE {table} SET previous_year = (SELECT MAX(earlier.year) FROM {table} earlier "
        f"WHERE earlier.youth_id = {table}.youth_id AND earlier.domain_id = {table}.domain_id "
        f"AND earlier.year < {table}.year) {where}"
    )
