"""Rules about youths: who the report counts (R1) and the keys by which they split (R2 to R7).

Every youth table is a sum over one GROUP BY of ``youths_in_report``
(``youth_tables.youth_groups``): each youth carries one key per table (``modality_key``,
``age_key``, ``sex_key``, ``origin_key``, ``situation_key``), so a youth is
counted once per table and the rows of a table always add up to the youths of
the report. The same keys filter the
youths behind a cell (``youths_in_cell``).
"""

import datetime

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
    changes = situation_changes_until(end).filter(youth=OuterRef("pk")).order_by("-since")
    youths = (
        youths_of_scope(scope=scope)
        .filter(contact)
        .annotate(
            modality_rank=highest_rank,
            situation_id=Subquery(changes.values("situation_id")[:1]),
            age=age_on(end),
            situation_key=or_not_recorded(Subquery(changes.values("situation__code")[:1])),
            origin_key=or_not_recorded(F("origin__code")),
            sex_key=Case(
                When(sex__in=Sex.values, then=F("sex")),
                default=Value(keys.NOT_RECORDED),
                output_field=CharField(),
            ),
        )
    )
    if not with_keys:
        return youths
    modality_key = CodeOf(highest_rank, modality_codes(scope), keys.NOT_RECORDED)
    return youths.annotate(modality_key=modality_key, age_key=age_bracket(scope))


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


def age_bracket(scope: ReportScope) -> Case:
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


def periods_overlapping(scope: ReportScope) -> QuerySet[AccompanimentPeriod]:
    """R2 — Accompaniment periods overlapping the report's period (an open one has no end)."""
    return AccompanimentPeriod.objects.filter(start__lte=scope.end).filter(
        Q(end__isnull=True) | Q(end__gte=scope.start)
    )


def situation_changes_until(day: datetime.date) -> QuerySet[SituationChange]:
    """R7 — Situation changes dated on or before ``day``: the latest one of a youth is their
    situation on that day."""
    return SituationChange.objects.filter(since__lte=day)


def _periods_in_period(scope: ReportScope) -> QuerySet[AccompanimentPeriod]:
    return periods_overlapping(scope).filter(youth=OuterRef("pk"))


def _highest_rank(scope: ReportScope) -> Subquery:
    """R2 — The highest modality rank of the youth's periods overlapping the period."""
    periods = _periods_in_period(scope).order_by().values("youth")
    return Subquery(periods.annotate(rank=Max("modality__rank")).values("rank"), output_field=IntegerField())


def modality_codes(scope: ReportScope) -> dict[int, str]:
    """R2 — The modality code of each rank (a rank is unique in the organisation)."""
    return dict(Modality.objects.filter(organisation=scope.organisation_id).values_list("rank", "code"))


def or_not_recorded(expression) -> Coalesce:
    return Coalesce(expression, Value(keys.NOT_RECORDED), output_field=CharField())
