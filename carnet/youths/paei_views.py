"""The individualised project (PAEI) on the youth's page: add or change a goal, record a review.

Forms open inside the page's project section (htmx) and work as plain pages
without JavaScript; every view goes through ``require`` and ``request.teams``.
"""

from functools import partial

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from carnet.access.permissions import Capability, require

from . import paei_services
from .models import AccompanimentPeriod, PaeiGoal, Youth
from .paei_forms import PaeiGoalForm, PaeiReviewForm
from .views import _apply, _template, _youth


def _running_period(youth: Youth) -> AccompanimentPeriod:
    """The accompaniment running today, which a project belongs to (404 without one)."""
    today = timezone.localdate()
    period = (
        youth.accompaniment_periods.filter(start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("youth__team")
        .first()
    )
    if period is None:
        raise Http404("No accompaniment in progress")
    return period


def _render(request: HttpRequest, youth: Youth, form, title: str) -> HttpResponse:
    context = {"youth": youth, "form": form, "title": title, "action": request.path}
    status = 409 if getattr(form, "stale", False) else 200
    return render(request, _template(request, "youths/paei_form.html", "form"), context, status=status)


@require(Capability.RECORD_ACTIVITY)
def paei_goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    period = _running_period(youth)
    form = PaeiGoalForm(request.POST or None, period=period)
    change = partial(paei_services.paei_goal_add, period=period)
    if done := _apply(request, form, youth, change, _("Objectif ajouté au projet.")):
        return done
    return _render(request, youth, form, _("Ajouter un objectif"))


@require(Capability.RECORD_ACTIVITY)
def paei_goal_edit(request: HttpRequest, pk: int, goal: int) -> HttpResponse:
    youth = _youth(request, pk)
    period = _running_period(youth)
    the_goal = get_object_or_404(PaeiGoal.objects.filter(period=period), pk=goal)
    form = PaeiGoalForm(request.POST or None, period=period, goal=the_goal)
    change = partial(paei_services.paei_goal_update, goal=the_goal)
    if done := _apply(request, form, youth, change, _("Objectif modifié.")):
        return done
    return _render(request, youth, form, _("Modifier l'objectif"))


@require(Capability.RECORD_ACTIVITY)
def paei_review(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    period = _running_period(youth)
    form = PaeiReviewForm(request.POST or None, goals=list(period.goals.all()))

    def change(**_data):
        paei_services.paei_review_record(period=period, user=request.user, **form.review())

    if done := _apply(request, form, youth, change, _("Point du projet enregistré.")):
        return done
    return _render(request, youth, form, _("Faire le point du projet"))
