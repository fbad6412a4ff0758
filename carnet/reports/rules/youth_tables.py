"""The youth tables (R2 to R7) and the data-quality list, from one reading of R1.

Every youth of R1 carries one key per table (``rules.youths``); the youths are read once,
grouped by their five keys together (``youth_groups``), and each table sums the groups.
"""

import operator
from typing import NamedTuple

from django.db import connections
from django.db.models import CharField, IntegerField, Max
from django.db.models.expressions import RawSQL

from carnet.youths.models import Youth

from ..report import Missing
from ..scope import ReportScope
from . import keys
from .expressions import CodeOf
from .youths import (
    age_bracket,
    modality_codes,
    or_not_recorded,
    periods_overlapping,
    situation_changes_until,
    youths_in_report,
)


class YouthGroup(NamedTuple):
    """Youths of R1 sharing the same five keys, and the sum and number of their known ages."""

    modality_key: str
    age_key: str
    sex_key: str
    origin_key: str
    situation_key: str
    youths: int
    known_ages: int
    age_total: int


class GapYouth(NamedTuple):
    """A youth of R1 counted in a "not recorded" row of some youth table (data quality)."""

    pk: int
    first_name: str
    nickname: str
    code: str
    missing: tuple[Missing, ...]


class YouthReading(NamedTuple):
    groups: list[YouthGroup]
    gaps: list[GapYouth]


KEY_FIELDS = YouthGroup._fields[:5]
_NAME_FIELDS = ("pk", "first_name", "nickname", "code")


def youth_groups(*, scope: ReportScope) -> list[YouthGroup]:
    """R2 to R7 in one GROUP BY: the youths of R1 by modality, age bracket, sex, origin and
    situation together. Every youth table is a sum of these groups, so the tables read the
    youths once; the groups are at most as many as the combinations of referential values,
    whatever the number of youths."""
    return read_youths(scope=scope, with_gaps=False).groups


def read_youths(*, scope: ReportScope, with_gaps: bool = True) -> YouthReading:
    """The groups of ``youth_groups`` and, with ``with_gaps``, the youths of the data-quality
    list (a key ``keys.NOT_RECORDED``: ``missing_data``), from one reading of R1.

    R1 and its keys cost a correlated subquery or two per youth; the report needs both the
    groups and the list, so R1 is read once into a materialised common table expression
    that both read (SQL written here: Django has no CTE). Reading it twice cost an
    organisation's report at size L a second pass over its 44,000 youths.
    """
    sql, params, alias = _population(scope)
    connection = connections[alias]
    keys_list = ", ".join(KEY_FIELDS)
    columns = ", ".join((*_NAME_FIELDS, *KEY_FIELDS, "age"))
    # Each row: 0 and a group (keys, youths, known ages, their sum), or 1 and a youth of the
    # list (keys, pk, names).
    query = (
        f"WITH population ({columns}) AS {_materialized(connection)}({sql}) "
        f"SELECT 0, {keys_list}, COUNT(*), COUNT(age), SUM(age), NULL, NULL, NULL, NULL "
        f"FROM population GROUP BY {keys_list}"
    )
    if with_gaps:
        lacking = " OR ".join(f"{field} = %s" for field in KEY_FIELDS)
        query += (
            f" UNION ALL SELECT 1, {keys_list}, NULL, NULL, NULL, {', '.join(_NAME_FIELDS)} "
            f"FROM population WHERE {lacking}"
        )
        params += [keys.NOT_RECORDED] * len(KEY_FIELDS)
    groups, gaps = [], []
    # What a youth lacks depends on their keys only: worked out once per combination.
    missing_of: dict[tuple, tuple[Missing, ...]] = {}
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for is_gap, *row in cursor.fetchall():
            keys_of_row, (youths, known_ages, age_total), names = tuple(row[:5]), row[5:8], row[8:]
            if is_gap:
                if keys_of_row not in missing_of:
                    missing_of[keys_of_row] = missing_data(dict(zip(KEY_FIELDS, keys_of_row, strict=True)))
                gaps.append(GapYouth(*names, missing_of[keys_of_row]))
            else:
                # PostgreSQL sums integers as numeric.
                groups.append(YouthGroup(*keys_of_row, youths, known_ages, int(age_total or 0)))
    return YouthReading(groups, gaps)


def _population(scope: ReportScope) -> tuple[str, list, str]:
    """The SQL of R1 with the names, keys and age of each youth, its parameters, and the
    database the router gives the rules' querysets (a replica may serve reports)."""
    alias = Youth.objects.db
    if scope.is_organisation and connections[alias].vendor == "postgresql":
        return (*_joined_population(scope, alias), alias)
    population = youths_in_report(scope=scope).order_by().values_list(*_NAME_FIELDS, *KEY_FIELDS, "age")
    sql, params = population.query.get_compiler(using=alias).as_sql()
    return sql, list(params), alias


def _joined_population(scope: ReportScope, alias: str) -> tuple[str, list]:
    """R1 as ``youths_in_report`` says it, with the modality and the situation of every youth
    read by two grouped passes joined to the youths, not by a subquery per youth.

    PostgreSQL runs a correlated subquery as a loop over the youths; over an organisation
    (44,000 youths at size L) the two passes, hashed and joined, cost 125 ms where the
    loops cost 200 (docs/performance.md). The passes read the periods and changes of every
    youth of the database, not only the organisation's: an instance serves one
    organisation, or a few, and restricting them to its teams cost a join worth 30 ms more
    than it saved. SQLite has no hash join and a team's report few youths: both keep the
    subqueries, which the indexes serve. Same rows, same keys.
    """
    youths = youths_in_report(scope=scope, with_keys=False).annotate(age_key=age_bracket(scope))
    youths = youths.order_by().values_list(*_NAME_FIELDS, "age_key", "sex_key", "origin_key", "age")
    ranks = (
        periods_overlapping(scope)
        .order_by()
        .values("youth")
        .annotate(rank=Max("modality__rank"))
        .values_list("youth", "rank")
    )
    situations = (
        situation_changes_until(scope.end)
        .order_by("youth", "-since")
        .distinct("youth")
        .values_list("youth", "situation__code")
    )
    compiler = youths.query.get_compiler(using=alias)

    def compiled(expression) -> tuple[str, list]:
        sql, params = compiler.compile(expression.resolve_expression(youths.query))
        return sql, list(params)

    modality, modality_params = compiled(
        CodeOf(RawSQL("r.highest_rank", (), IntegerField()), modality_codes(scope), keys.NOT_RECORDED)
    )
    situation, situation_params = compiled(or_not_recorded(RawSQL("s.situation_code", (), CharField())))
    parts = [query.query.get_compiler(using=alias).as_sql() for query in (youths, ranks, situations)]
    (youths_sql, youths_params), (ranks_sql, ranks_params), (situations_sql, situations_params) = parts
    names = ", ".join(f"p.{field}" for field in _NAME_FIELDS)
    sql = (
        f"SELECT {names}, {modality}, p.age_key, p.sex_key, p.origin_key, {situation}, p.age "
        f"FROM ({youths_sql}) p "
        f"LEFT JOIN ({ranks_sql}) r (youth_id, highest_rank) ON r.youth_id = p.pk "
        f"LEFT JOIN ({situations_sql}) s (youth_id, situation_code) ON s.youth_id = p.pk"
    )
    return sql, [*modality_params, *situation_params, *youths_params, *ranks_params, *situations_params]


def _materialized(connection) -> str:
    # Without the hint, SQLite may copy the population's subqueries into both readers.
    if connection.vendor == "sqlite" and connection.Database.sqlite_version_info < (3, 35):
        return ""
    return "MATERIALIZED "


def _summed_by(groups: list[YouthGroup], *fields: str) -> dict:
    # attrgetter gives the field's value for one field, the tuple of values for several.
    key_of = operator.attrgetter(*fields)
    counts: dict = {}
    for group in groups:
        key = key_of(group)
        counts[key] = counts.get(key, 0) + group.youths
    return counts


def count_youths_by_modality(*, scope: ReportScope, groups: list[YouthGroup] | None = None) -> dict[str, int]:
    """R2 — Youths by the highest modality reached in the period.

    Each youth counts once, at the modality of highest rank among the
    accompaniment periods overlapping the report period. Youths of R1 with no
    such period count as "not recorded". Keys: modality codes and NOT_RECORDED.
    """
    return _summed_by(_groups(scope, groups), "modality_key")


def count_youths_by_age_and_sex(
    *, scope: ReportScope, groups: list[YouthGroup] | None = None
) -> dict[tuple[str, str], int]:
    """R3, R4 — Youths by age bracket and sex.

    The age is the one reached on the period's last day (see ``age_on``); the
    bracket is the active age bracket containing it (an empty maximum means
    "and over"). Unknown age: NOT_RECORDED; known age in no bracket:
    OUTSIDE_BRACKETS. Percentages are over the youths whose age is known
    (outside brackets included). Sex (R3) is H, F or NB; a blank sex counts in the
    NOT_RECORDED column. Keys: (age key, sex key).
    """
    return _summed_by(_groups(scope, groups), "age_key", "sex_key")


class SexFigures(NamedTuple):
    youths: int
    known_ages: int
    age_total: int


def count_youths_by_sex(
    *, scope: ReportScope, groups: list[YouthGroup] | None = None
) -> dict[str, SexFigures]:
    """R3, R5 — Youths by sex (blank: NOT_RECORDED), with the sum and number of their known ages.

    The sex table shows per sex the youths, their average known age rounded
    half up to whole years (none without a known age), and their share of all
    youths of R1.
    """
    figures: dict[str, SexFigures] = {}
    for group in _groups(scope, groups):
        before = figures.get(group.sex_key, SexFigures(0, 0, 0))
        figures[group.sex_key] = SexFigures(
            before.youths + group.youths,
            before.known_ages + group.known_ages,
            before.age_total + group.age_total,
        )
    return figures


def count_youths_by_origin_and_sex(
    *, scope: ReportScope, groups: list[YouthGroup] | None = None
) -> dict[tuple[str, str], int]:
    """R6 — Youths by origin of the encounter and sex; no origin recorded: NOT_RECORDED.

    Percentages are over the youths whose origin is recorded.
    """
    return _summed_by(_groups(scope, groups), "origin_key", "sex_key")


def count_youths_by_situation_and_sex(
    *, scope: ReportScope, groups: list[YouthGroup] | None = None
) -> dict[tuple[str, str], int]:
    """R7 — Youths by situation at the period's end, and sex.

    The situation is the one of the latest situation change dated on or before
    the period's last day; changes after the end are ignored. No such change:
    NOT_RECORDED. Percentages are over the youths whose situation is known.
    """
    return _summed_by(_groups(scope, groups), "situation_key", "sex_key")


def missing_data(keys_of_youth: dict[str, str]) -> tuple[Missing, ...]:
    """Data quality — what a youth of R1 lacks, from its keys (``KEY_FIELDS``): each key
    ``keys.NOT_RECORDED`` is a "not recorded" row the youth is counted in, in the order of
    the report's tables. Equivalently: no accompaniment period in the period, no sex among
    H, F, NB, no birth year, no origin, no situation change on or before the period's end."""
    lacks = {
        Missing.MODALITY: "modality_key",
        Missing.SEX: "sex_key",
        Missing.AGE: "age_key",
        Missing.ORIGIN: "origin_key",
        Missing.SITUATION: "situation_key",
    }
    return tuple(missing for missing, key in lacks.items() if keys_of_youth[key] == keys.NOT_RECORDED)


def _groups(scope: ReportScope, groups: list[YouthGroup] | None) -> list[YouthGroup]:
    return youth_groups(scope=scope) if groups is None else groups
