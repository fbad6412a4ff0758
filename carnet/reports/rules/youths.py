"""Rules about youths: who the report counts (R1) and how they split (R2 to R7).

Every youth table is one GROUP BY over ``youths_in_report``: each youth carries
one key per table (``modality_key``, ``age_key``, ``sex_key``, ``origin_key``,
``situation_key``), so a youth is counted once per table and the rows of a
table always add up to the youths of the report. The same keys filter the
youths behind a cell (``youths_in_cell``).
"""

import datetime
from typing import NamedTuple

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.referentials.models import AgeBracket
from carnet.youths.models import AccompanimentPeriod, Sex, SituationChange, Youth

from ..report import Missing
from ..scope import ReportScope
from . import keys
from .records import youths_of_scope

SEX_COLUMNS = (*Sex.values, keys.NOT_RECORDED)

ROW_FIELDS = {
    keys.MODALITY: "modality_key",
    keys.AGE: "age_key",
    keys.SEX: "sex_key",
    keys.ORIGIN: "origin_key",
    keys.SITUATION: "situation_key",
}


def youths_in_report(*, scope: ReportScope) -> QuerySet[Youth]:
    """R1 — The youths of the report: youths of the scope with a contact in the period.

    A contact is any of: an accompaniment period overlapping the period, an
    intervention dated in the period, taking part in a collective action of the
    team that starts in the period, being met by name during a presence session
    of the team in the period, or a first contact dated in the period. The
    action or session may take place in another commune: the youth was met.

    Each youth is annotated with what the youth tables read:
    ``modality_rank``/``modality_id`` (R2), ``age`` (R4), ``situation_id`` (R7),
    and the row keys ``modality_key``, ``age_key``, ``sex_key``, ``origin_key``,
    ``situation_key``, where a missing value is ``keys.NOT_RECORDED``.
    """
    start, end = scope.start, scope.end
    in_period = (start, end)
    contact = (
        Q(first_contact_date__range=in_period)
        | Exists(_periods_in_period(scope))
        | Exists(Intervention.objects.filter(youth=OuterRef("pk"), team=scope.team, date__range=in_period))
        | Exists(
            CollectiveAction.participants.through.objects.filter(
                youth=OuterRef("pk"),
                collectiveaction__team=scope.team,
                collectiveaction__start_date__range=in_period,
            )
        )
        | Exists(
            PresenceSession.known_youths.through.objects.filter(
                youth=OuterRef("pk"), presencesession__team=scope.team, presencesession__date__range=in_period
            )
        )
    )
    periods = _periods_in_period(scope).order_by("-modality__rank")
    changes = SituationChange.objects.filter(youth=OuterRef("pk"), since__lte=end).order_by("-since")
    brackets = (
        AgeBracket.objects.filter(
            organisation=scope.team.organisation_id, is_active=True, min_age__lte=OuterRef("age")
        )
        .filter(Q(max_age__isnull=True) | Q(max_age__gte=OuterRef("age")))
        .order_by("min_age", "position")
    )
    return (
        youths_of_scope(scope=scope)
        .filter(contact)
        .annotate(
            modality_rank=Subquery(periods.values("modality__rank")[:1]),
            modality_id=Subquery(periods.values("modality_id")[:1]),
            situation_id=Subquery(changes.values("situation_id")[:1]),
            age=age_on(end),
            modality_key=_or_not_recorded(Subquery(periods.values("modality__code")[:1])),
            situation_key=_or_not_recorded(Subquery(changes.values("situation__code")[:1])),
            origin_key=_or_not_recorded(F("origin__code")),
            sex_key=Case(
                When(sex__in=Sex.values, then=F("sex")),
                default=Value(keys.NOT_RECORDED),
                output_field=CharField(),
            ),
            age_key=Case(
                When(age__isnull=True, then=Value(keys.NOT_RECORDED)),
                default=Coalesce(
                    Subquery(brackets.values("code")[:1]),
                    Value(keys.OUTSIDE_BRACKETS),
                    output_field=CharField(),
                ),
                output_field=CharField(),
            ),
        )
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


def count_youths_by_modality(*, scope: ReportScope) -> dict[str, int]:
    """R2 — Youths by the highest modality reached in the period.

    Each youth counts once, at the modality of highest rank among the
    accompaniment periods overlapping the report period. Youths of R1 with no
    such period count as "not recorded". Keys: modality codes and NOT_RECORDED.
    """
    rows = youths_in_report(scope=scope).order_by().values("modality_key").annotate(n=Count("pk"))
    return {row["modality_key"]: row["n"] for row in rows}


def count_youths_by_age_and_sex(*, scope: ReportScope) -> dict[tuple[str, str], int]:
    """R3, R4 — Youths by age bracket and sex.

    The age is the one reached on the period's last day (see ``age_on``); the
    bracket is the active age bracket containing it (an empty maximum means
    "and over"). Unknown age: NOT_RECORDED; known age in no bracket:
    OUTSIDE_BRACKETS. Percentages are over the youths whose age is known
    (outside brackets included). Sex (R3) is H, F or NB; a blank sex counts in the
    NOT_RECORDED column. Keys: (age key, sex key).
    """
    return _count_by_sex(scope=scope, row_field="age_key")


class SexFigures(NamedTuple):
    youths: int
    known_ages: int
    age_total: int


def count_youths_by_sex(*, scope: ReportScope) -> dict[str, SexFigures]:
    """R3, R5 — Youths by sex (blank: NOT_RECORDED), with the sum and number of their known ages.

    The sex table shows per sex the youths, their average known age rounded
    half up to whole years (none without a known age), and their share of all
    youths of R1.
    """
    rows = (
        youths_in_report(scope=scope)
        .order_by()
        .values("sex_key")
        .annotate(n=Count("pk"), known_ages=Count("age"), age_total=Sum("age"))
    )
    return {row["sex_key"]: SexFigures(row["n"], row["known_ages"], row["age_total"] or 0) for row in rows}


def count_youths_by_origin_and_sex(*, scope: ReportScope) -> dict[tuple[str, str], int]:
    """R6 — Youths by origin of the encounter and sex; no origin recorded: NOT_RECORDED.

    Percentages are over the youths whose origin is recorded.
    """
    return _count_by_sex(scope=scope, row_field="origin_key")


def count_youths_by_situation_and_sex(*, scope: ReportScope) -> dict[tuple[str, str], int]:
    """R7 — Youths by situation at the period's end, and sex.

    The situation is the one of the latest situation change dated on or before
    the period's last day; changes after the end are ignored. No such change:
    NOT_RECORDED. Percentages are over the youths whose situation is known.
    """
    return _count_by_sex(scope=scope, row_field="situation_key")


def youths_missing_data(*, scope: ReportScope) -> QuerySet[Youth]:
    """Data quality — youths of R1 counted in a "not recorded" row of some youth table."""
    return youths_in_report(scope=scope).filter(
        Q(modality_id__isnull=True)
        | ~Q(sex__in=Sex.values)
        | Q(age__isnull=True)
        | Q(origin__isnull=True)
        | Q(situation_id__isnull=True)
    )


def missing_data(youth: Youth) -> tuple[Missing, ...]:
    """What an annotated youth of ``youths_in_report`` lacks, in the order of the report's tables."""
    lacks = {
        Missing.MODALITY: youth.modality_id is None,
        Missing.SEX: youth.sex not in Sex.values,
        Missing.AGE: youth.age is None,
        Missing.ORIGIN: youth.origin_id is None,
        Missing.SITUATION: youth.situation_id is None,
    }
    return tuple(missing for missing, lacking in lacks.items() if lacking)


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


def _or_not_recorded(expression) -> Coalesce:
    return Coalesce(expression, Value(keys.NOT_RECORDED), output_field=CharField())


def _count_by_sex(*, scope: ReportScope, row_field: str) -> dict[tuple[str, str], int]:
    rows = youths_in_report(scope=scope).order_by().values(row_field, "sex_key").annotate(n=Count("pk"))
    return {(row[row_field], row["sex_key"]): row["n"] for row in rows}
