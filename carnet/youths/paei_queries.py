"""Reads of a youth's individualised project (PAEI): goals with their last progress, reviews, what is due."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .models import AccompanimentPeriod, PaeiGoal, PaeiGoalReview, PaeiReview


@dataclass(frozen=True)
class GoalLine:
    goal: PaeiGoal
    last: PaeiGoalReview | None  # the goal's progress at its latest review


@dataclass(frozen=True)
class Project:
    """The PAEI of one accompaniment period, as the youth's page shows it."""

    period: AccompanimentPeriod
    goals: list[GoalLine]
    reviews: list[PaeiReview]
    today: datetime.date

    @property
    def review_due(self) -> bool:
        due = self.period.next_review_on
        return due is not None and due <= self.today


def project(*, period: AccompanimentPeriod, today: datetime.date) -> Project:
    """The project of ``period`` in three queries, whatever its number of goals and reviews."""
    goals = list(period.goals.select_related("domain"))
    reviews = list(
        PaeiReview.objects.filter(period=period)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch(
                "goal_reviews",
                queryset=PaeiGoalReview.objects.select_related("goal").order_by("goal__position"),
            )
        )
    )
    last: dict[int, PaeiGoalReview] = {}
    for review in reversed(reviews):  # oldest first: later reviews overwrite
        for goal_review in review.goal_reviews.all():
            last[goal_review.goal_id] = goal_review
    return Project(
        period=period,
        goals=[GoalLine(goal, last.get(goal.pk)) for goal in goals],
        reviews=reviews,
        today=today,
    )


def reviews_due(*, periods: QuerySet[AccompanimentPeriod], today: datetime.date) -> QuerySet:
    """Running periods of ``periods`` whose next review date has come."""
    return periods.filter(next_review_on__lte=today, start__lte=today).exclude(end__lt=today)
