"""Rules about youths: who the report counts (R1) and how they split (R2 to R7).

Every youth table is a sum over one GROUP BY of ``youths_in_report``
(``youth_groups``): each youth carries one key per table (``modality_key``,
``age_key``, ``sex_key``, ``origin_key``, ``situation_key``), so a youth is
counted once per table and the rows of a table always add up to the youths of
the report. The same keys filter the
youths behind a cell (``youths_in_cell``).
"""

import datetime
from typing import NamedTuple

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.referentials.models import AgeBracket, Modality
from carnet.youths.models import AccompanimentPeriod, Sex, SituationChange, Youth

from ..report import Missing
from ..scope import ReportScope
from . import keys
from .expressions import CodeOf
from .records import youths_of_scope

SEX_COLUMNS = (*Sex.values, keys.NOT_RECORDED)

ROW_FIELDS = {
    keys.MODALITY: "modality_key",
    keys.AGE: "age_key",
    keys.SEX: "sex_key",
    keys.ORIGIN: "origin_key",
    keys.SITUATION: "situation_key",
}


def youths_in_report(*, scope: ReportScope, with_keys: bool = True) -> QuerySet[Youth]:
    """R1 — The youths of the report: youths of the scope with a contact in the period.

    A contact is any of: an accompaniment period overlapping the period, an
    intervention dated in the period, taking part in a collective action of the
    team that starts in the period, being met by name during a presence session
    of the team in the period, or a first contact dated in the period. The
    action or session may take place in another commune: the youth was met.
    For an organisation, the records are those of the youth's own team: a youth
    is in the organisation's report exactly when in their team's.

    Each youth is annotated with what the youth tables read:
    ``modality_rank`` (R2), ``age`` (R4), ``situation_id`` (R7),
    and the row keys ``modality_key``, ``age_key``, ``sex_key``, ``origin_key``,
    ``situation_key``, where a missing value is ``keys.NOT_RECORDED``. Without
    ``with_keys`` there is no ``modality_key`` nor ``age_key``, and no query of the
    modalities and brackets they are read from.
    """
    start, end = scope.start, scope.end
    in_period = (start, end)
    contact = (
        Q(first_contact_date__range=in_period)
        # The team condition is implied by the youth, but said: PostgreSQL reads this EXISTS
        # inside an OR as one pass over the periods, which must not be every team's periods.
        | Exists(_periods_in_period(scope).filter(scope.records_of("youth__team")))
        | Exists(Intervention.objects.filter(scope.youth_team(), youth=OuterRef("pk"), date__range=in_period))
        # Participants and youths met by name are read from the team's actions and sessions
        # of the period, once (an IN list), not per youth: a youth has few of them, but
        # without statistics SQLite would scan the team's actions for every youth.
        | Q(
            pk__in=CollectiveAction.participants.through.objects.filter(
                scope.same_team_as_youth("collectiveaction__team"),
                collectiveaction__start_date__range=in_period,
            ).values("youth_id")
        )
        | Q(
            pk__in=PresenceSession.known_youths.through.objects.filter(
                scope.same_team_as_youth("presencesession__team"),
                presencesession__date__range=in_period,
            ).values("youth_id")
        )
    )
    # The highest rank is a MAX, which needs no sort per youth; a rank is unique in the
    # organisation, so it names the modality (docs/performance.md).
    highest_rank = _highest_rank(scope)
    changes = SituationChange.objects.filter(youth=OuterRef("pk"), since__lte=end).order_by("-since")
    youths = (
        youths_of_scope(scope=scope)
        .filter(contact)
        .annotate(
            modality_rank=highest_rank,
            situation_id=Subquery(changes.values("situation_id")[:1]),
            age=age_on(end),
            situation_key=_or_not_recorded(Subquery(changes.values("situation__code")[:1])),
            origin_key=_or_not_recorded(F("origin__code")),
            sex_key=Case(
                When(sex__in=Sex.values, then=F("sex")),
                default=Value(keys.NOT_RECORDED),
                output_field=CharField(),
            ),
        )
    )
    if not with_keys:
        return youths
    codes = dict(Modality.objects.filter(organisation=scope.organisation_id).values_list("rank", "code"))
    return youths.annotate(
        modality_key=CodeOf(highest_rank, codes, keys.NOT_RECORDED), age_key=_age_bracket(scope)
    )


def age_on(day: datetime.date) -> Case | ExpressionWrapper:
    """R4 — Age reached on ``day``, in SQL: the same as ``Youth.age_on``.

    With a birth date, the exact age; with only a birth year, the age reached
    during ``day``'s year; NULL when neither is known. The birth year is read
    for everyone (the database makes a birth date carry its year).
    """
    if (day.month, day.day) == (12, 31):
        # Every birthday of the year has passed on 31 December (the usual end of a report):
        # the age is the difference of years, without reading month and day in SQL.
        return ExpressionWrapper(Value(day.year) - F("birth_year"), output_field=IntegerField())
    birthday_still_to_come = Q(birth_date__month__gt=day.month) | Q(
        birth_date__month=day.month, birth_date__day__gt=day.day
    )
    return Case(
        When(
            Q(birth_date__isnull=False) & birthday_still_to_come,
            then=Value(day.year - 1) - F("birth_year"),
        ),
        default=Value(day.year) - F("birth_year"),
        output_field=IntegerField(),
    )


def _age_bracket(scope: ReportScope) -> Case:
    """R4 — The active age bracket containing ``age``: of the lowest minimum, then position.

    The brackets (a short referential) are read first and written into the query as
    one CASE, which the database computes per youth without a subquery.
    """
    brackets = AgeBracket.objects.filter(organisation=scope.organisation_id, is_active=True).order_by(
        "min_age", "position"
    )
    whens = [When(age__isnull=True, then=Value(keys.NOT_RECORDED))]
    for code, min_age, max_age in brackets.values_list("code", "min_age", "max_age"):
        within = Q(age__gte=min_age) if max_age is None else Q(age__gte=min_age, age__lte=max_age)
        whens.append(When(within, then=Value(code)))
    return Case(*whens, default=Value(keys.OUTSIDE_BRACKETS), output_field=CharField())


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
    population = youths_in_report(scope=scope).order_by().values_list(*_NAME_FIELDS, *KEY_FIELDS, "age")
    # The database the router gives the rules' querysets (a replica may serve reports).
    connection = connections[population.db]
    sql, params = population.query.get_compiler(using=population.db).as_sql()
    keys_list = ", ".join(KEY_FIELDS)
    columns = ", ".join((*_NAME_FIELDS, *KEY_FIELDS, "age"))
    # Each row: 0 and a group (keys, youths, known ages, their sum), or 1 and a youth of the
    # list (keys, pk, names).
    query = (
        f"WITH population ({columns}) AS {_materialized(connection)}({sql}) "
        f"SELECT 0, {keys_list}, COUNT(*), COUNT(age), SUM(age), NULL, NULL, NULL, NULL "
        f"FROM population GROUP BY {keys_list}"
    )
    params = list(params)
    if with_gaps:
        lacking = " OR ".join(f"{field} = %s" for field in KEY_FIELDS)
        query += (
            f" UNION ALL SELECT 1, {keys_list}, NULL, NULL, NULL, {', '.join(_NAME_FIELDS)} "
            f"FROM population WHERE {lacking}"
        )
        params += [keys.NOT_RECORDED] * len(KEY_FIELDS)
    groups, gaps = [], []
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        for is_gap, *row in cursor.fetchall():
            keys_of_row, (youths, known_ages, age_total), names = row[:5], row[5:8], row[8:]
            if is_gap:
                missing = missing_data(dict(zip(KEY_FIELDS, keys_of_row, strict=True)))
                gaps.append(GapYouth(*names, missing))
            else:
                # PostgreSQL sums integers as numeric.
                groups.append(YouthGroup(*keys_of_row, youths, known_ages, int(age_total or 0)))
    return YouthReading(groups, gaps)


def _materialized(connection) -> str:
    # Without the hint, SQLite may copy the population's subqueries into both readers.
    if connection.vendor == "sqlite" and connection.Database.sqlite_version_info < (3, 35):
        return ""
    return "MATERIALIZED "


def _summed_by(groups: list[YouthGroup], *fields: str) -> dict:
    counts: dict = {}
    for group in groups:
        key = tuple(getattr(group, field) for field in fields)
        key = key[0] if len(fields) == 1 else key
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


def youths_in_cell(*, scope: ReportScope, table: str, row: str, column: str) -> QuerySet[Youth]:
    """The youths a cell of a youth table counts: the same keys as the GROUP BY."""
    youths = youths_in_report(scope=scope)
    if table not in ROW_FIELDS:
        raise ValueError(f"Not a youth table: {table!r}")
    if row != keys.TOTAL:
        youths = youths.filter(**{ROW_FIELDS[table]: row})
    if column in SEX_COLUMNS:
        youths = youths.filter(sex_key=column)
    elif column == keys.AVERAGE_AGE:
        youths = youths.filter(age__isnull=False)
    elif column not in (keys.YOUTHS, keys.PERCENT):
        raise ValueError(f"Unknown column of table {table!r}: {column!r}")
    return youths


def _periods_in_period(scope: ReportScope) -> QuerySet[AccompanimentPeriod]:
    return AccompanimentPeriod.objects.filter(youth=OuterRef("pk"), start__lte=scope.end).filter(
        Q(end__isnull=True) | Q(end__gte=scope.start)
    )


def _highest_rank(scope: ReportScope) -> Subquery:
    """R2 — The highest modality rank of the youth's periods overlapping the period."""
    periods = _periods_in_period(scope).order_by().values("youth")
    return Subquery(periods.annotate(rank=Max("modality__rank")).values("rank"), output_field=IntegerField())


def _or_not_recorded(expression) -> Coalesce:
    return Coalesce(expression, Value(keys.NOT_RECORDED), output_field=CharField())


def _groups(scope: ReportScope, groups: list[YouthGroup] | None) -> list[YouthGroup]:
    return youth_groups(scope=scope) if groups is None else groups
