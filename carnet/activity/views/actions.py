from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from carnet.access.permissions import Capability, require
from carnet.access.visibility import visible_to
from carnet.offline.pages import available_offline

from .. import queries, services
from ..forms import CollectiveActionForm
from ..models import CollectiveAction
from .common import confirm_delete, edit_page, entry_form, form_page, list_page, saved, saved_redirect

TEMPLATE = "activity/action_form.html"


def _action(request, pk: int) -> CollectiveAction:
    return get_object_or_404(visible_to(request).collective_actions(), pk=pk)


@require(Capability.VIEW_YOUTHS)
def action_list(request):
    return list_page(
        request, queries.collective_actions_for(teams=request.teams), "activity/action_list.html"
    )


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
@available_offline
def action_create(request):
    form = entry_form(CollectiveActionForm, request)
    if action := saved(form, partial(services.collective_action_create, created_by=request.user)):
        return saved_redirect(request, "activity:action_list", action, _("Action collective enregistrée."))
    return form_page(request, TEMPLATE, {"form": form})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def action_update(request, pk: int):
    action = _action(request, pk)
    form = entry_form(CollectiveActionForm, request, instance=action)
    if saved(form, partial(services.collective_action_update, action=action)):
        return saved_redirect(request, "activity:action_list", action, _("Action collective modifiée."))
    return edit_page(request, TEMPLATE, {"form": form, "record": action})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def action_delete(request, pk: int):
    action = _action(request, pk)
    return confirm_delete(
        request,
        record=action,
        delete=partial(services.collective_action_delete, action=action),
        message=_("Action collective supprimée."),
        list_name="activity:action_list",
    )
