from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from carnet.access.permissions import Capability, require
from carnet.access.visibility import visible_to
from carnet.offline.pages import available_offline

from .. import queries, services
from ..forms import InterventionForm
from ..models import Intervention
from .common import confirm_delete, edit_page, entry_form, form_page, list_page, saved, saved_redirect

TEMPLATE = "activity/intervention_form.html"


def _intervention(request, pk: int) -> Intervention:
    return get_object_or_404(visible_to(request).interventions(), pk=pk)


@require(Capability.VIEW_YOUTHS)
def intervention_list(request):
    # The list names the youth of each intervention: a read of youth data.
    interventions = visible_to(request).read(
        queries.interventions_for(teams=request.teams), what="interventions"
    )
    return list_page(request, interventions, "activity/intervention_list.html")


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
@available_offline
def intervention_create(request):
    """A new intervention; ``?youth=<id>`` opens it with the youth already chosen."""
    form = entry_form(InterventionForm, request)
    if intervention := saved(form, partial(services.intervention_create, created_by=request.user)):
        return saved_redirect(
            request, "activity:intervention_list", intervention, _("Intervention enregistrée.")
        )
    return form_page(request, TEMPLATE, {"form": form})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def intervention_update(request, pk: int):
    intervention = _intervention(request, pk)
    form = entry_form(InterventionForm, request, instance=intervention)
    if saved(form, partial(services.intervention_update, intervention=intervention)):
        return saved_redirect(
            request, "activity:intervention_list", intervention, _("Intervention modifiée.")
        )
    return edit_page(request, TEMPLATE, {"form": form, "record": intervention})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def intervention_delete(request, pk: int):
    intervention = _intervention(request, pk)
    return confirm_delete(
        request,
        record=intervention,
        delete=partial(services.intervention_delete, intervention=intervention),
        message=_("Intervention supprimée."),
        list_name="activity:intervention_list",
    )
