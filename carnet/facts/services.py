"""Writes of the derived facts: refreshed from the records by the write services, in their
transaction, rebuilt whole by ``bin/carnet rebuild-facts``, compared with the records by
``bin/carnet check-facts`` (``queries.py``).

A refresh recomputes the facts a write may have changed from the records themselves (a
youth's interventions, a team's sessions or actions of a year: a few rows read from an
index), so the write pays one small GROUP BY instead of keeping counts in step by hand.
The kinds of facts are in ``kinds.py``; a youth's intervention facts in ``youth_facts.py``.
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q

from carnet.activity.models import CollectiveAction
from carnet.organisations.models import Team
from carnet.reports.rules.expressions import YearOf

from .kinds import (
    ACTION_KINDS,
    ACTION_LINES,
    DOMAIN_YEARS,
    KINDS,
    KINDS_OF_RECORDS,
    FactKind,
    delete_facts,
    in_years,
    write_facts,
)
from .models import DomainYearFact
from .youth_facts import link_previous_years, lock_team_facts, relink_team_years


@transaction.atomic(savepoint=False)
def refresh_team_year_facts(*, kind: FactKind, team_id: int, years: Iterable[int | None]) -> None:
    """Recompute a team's facts of ``kind`` for these years (after a session or an action was
    saved or deleted: its year before and after; None, the year of a new record, is skipped)."""
    years = {year for year in years if year is not None}
    if not years:
        return
    lock_team_facts([team_id])
    delete_facts(kind.model.objects.filter(team=team_id, year__in=years))
    write_facts(kind, Q(**{kind.team: team_id}) & in_years(kind.year, years))
    if kind.derived:
        # The previous years of the team's later years may change too.
        relink_team_years(team_id=team_id, since=min(years))


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
    lock_team_facts([team_id])
    for kind in KINDS:
        delete_facts(kind.model.objects.filter(team=team_id))
        write_facts(kind, Q(**{kind.team: team_id}))
    relink_team_years(team_id=team_id)


@transaction.atomic(savepoint=False)
def rebuild_facts() -> int:
    """Write every fact again from the records; returns the number of facts written."""
    written = 0
    for kind in KINDS:
        delete_facts(kind.model.objects.all())
        written += write_facts(kind, Q())
    link_previous_years()
    delete_facts(DomainYearFact.objects.all())
    return written + write_facts(DOMAIN_YEARS, Q())


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
                written += write_facts(kind, Q())
                if kind.derived:
                    link_previous_years()
    return written
