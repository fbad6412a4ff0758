"""R16 — individualised projects (PAEI): the youths whose project was reviewed in the period,
and the goals reviewed, by domain and by outcome.

A review belongs to the scope through its youth (a youth of the scope, as for R1).
Its date lies within an accompaniment period (the service refuses it otherwise), so a
youth with a review in the period is a youth of the report.
"""

from django.db.models import Count, OuterRef, QuerySet, Subquery

from carnet.youths.models import PaeiGoal, PaeiGoalReview, PaeiReview, Youth

from ..scope import ReportScope
from . import keys
from .records import youth_of_scope, youths_of_scope


def paei_reviews_in_report(*, scope: ReportScope) -> QuerySet[PaeiReview]:
    """Reviews dated in the period, of youths of the scope."""
    return PaeiReview.objects.filter(
        youth_of_scope(scope, "period__youth__"), date__range=(scope.start, scope.end)
    )


def youths_with_paei_review(*, scope: ReportScope) -> QuerySet[Youth]:
    """Youths of the scope whose project had at least one review in the period."""
    reviewed = paei_reviews_in_report(scope=scope).values("period__youth")
    return youths_of_scope(scope=scope).filter(pk__in=reviewed)


def goals_reviewed(*, scope: ReportScope) -> QuerySet[PaeiGoal]:
    """Goals reviewed in the period, each with its ``outcome``: its progress at its last review
    of the period (a goal reached in March and reviewed again in June counts as in June)."""
    reviews = paei_reviews_in_report(scope=scope)
    last = PaeiGoalReview.objects.filter(goal=OuterRef("pk"), review__in=reviews).order_by(
        "-review__date", "-pk"
    )
    reviewed = PaeiGoalReview.objects.filter(review__in=reviews).values("goal")
    return PaeiGoal.objects.filter(pk__in=reviewed).annotate(outcome=Subquery(last.values("progress")[:1]))


def count_goals_by_domain_and_outcome(*, scope: ReportScope) -> dict[tuple[str, str], int]:
    """{(domain code or NOT_RECORDED, outcome): goals}, one GROUP BY."""
    rows = goals_reviewed(scope=scope).values("domain__code", "outcome").annotate(goals=Count("pk"))
    return {(row["domain__code"] or keys.NOT_RECORDED, row["outcome"]): row["goals"] for row in rows}
