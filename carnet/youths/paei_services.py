"""Changes to a youth's individualised project (PAEI): its goals, its dated reviews, the next review.

Goals and reviews belong to an accompaniment period; the référent·es are the
period's. Wording stays factual: a goal's progress is one of ``GoalProgress``,
with a short note, never an assessment of the youth.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from carnet.access.models import User
from carnet.editing.versions import claim_version
from carnet.referentials.models import Domain

from .models import AccompanimentPeriod, GoalProgress, PaeiGoal, PaeiGoalReview, PaeiReview


def _refuse_closed_file(period: AccompanimentPeriod) -> None:
    if period.youth.merged_into_id:
        raise ValidationError(_("Cette fiche est archivée par une fusion : elle ne peut plus être modifiée."))


def paei_goal_add(
    *,
    period: AccompanimentPeriod,
    text: str,
    domain: Domain | None = None,
    target_date: datetime.date | None = None,
) -> PaeiGoal:
    """A new goal, after the period's other goals."""
    _refuse_closed_file(period)
    last = period.goals.aggregate(last=Max("position"))["last"]
    goal = PaeiGoal(
        period=period,
        text=text.strip(),
        domain=domain,
        target_date=target_date,
        position=0 if last is None else last + 1,
    )
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def paei_goal_update(
    *,
    goal: PaeiGoal,
    version: int,
    text: str,
    domain: Domain | None = None,
    target_date: datetime.date | None = None,
) -> PaeiGoal:
    """Change a goal from a form opened at ``version`` (refused with EditConflict over a newer one)."""
    _refuse_closed_file(goal.period)
    goal.text, goal.domain, goal.target_date = text.strip(), domain, target_date
    goal.full_clean()
    claim_version(goal, version=version)
    goal.save()
    return goal


def paei_review_record(
    *,
    period: AccompanimentPeriod,
    date: datetime.date,
    progress: dict[int, tuple[str, str]],
    next_review_on: datetime.date | None,
    user: User,
) -> PaeiReview:
    """A review of the period's goals on ``date``: ``progress`` maps each goal id to (progress, note).

    Every goal of the period is reviewed, in one transaction; the review also sets
    the next review date. A goal found reached carries the review's date in
    ``reached_on`` (cleared when a later review finds it otherwise).
    """
    _refuse_closed_file(period)
    goals = {goal.pk: goal for goal in period.goals.all()}
    if not goals:
        raise ValidationError(_("Ajoutez d'abord un objectif au projet : un point porte sur ses objectifs."))
    if date > timezone.localdate():
        raise ValidationError({"date": _("La date du point est dans le futur.")})
    if date < period.start or (period.end and date > period.end):
        raise ValidationError({"date": _("La date du point est en dehors de la période d'accompagnement.")})
    if next_review_on and next_review_on <= date:
        raise ValidationError({"next_review_on": _("Le prochain point doit suivre celui-ci.")})
    if set(progress) != set(goals):
        raise ValidationError(_("Indiquez l'avancement de chaque objectif du projet."))
    unknown = [value for value, _note in progress.values() if value not in GoalProgress.values]
    if unknown:
        raise ValidationError(_("Avancement inconnu : %(value)s.") % {"value": unknown[0]})
    if PaeiReview.objects.filter(period=period, date=date).exists():
        raise ValidationError({"date": _("Un point du projet est déjà enregistré à cette date.")})
    with transaction.atomic():
        review = PaeiReview.objects.create(period=period, date=date, recorded_by=user)
        # One save each (a handful of goals), so that the audit log records every one.
        for pk, (value, note) in progress.items():
            PaeiGoalReview.objects.create(review=review, goal_id=pk, progress=value, note=note.strip())
        for pk, goal in goals.items():
            if _is_latest_review_of(goal, date):
                goal.reached_on = date if progress[pk][0] == GoalProgress.REACHED else None
                goal.save(update_fields=["reached_on"])
        period.next_review_on = next_review_on
        period.save(update_fields=["next_review_on"])
    return review


def _is_latest_review_of(goal: PaeiGoal, date: datetime.date) -> bool:
    return not goal.reviews.filter(review__date__gt=date).exists()
