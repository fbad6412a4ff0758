from functools import partial

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from carnet.access.permissions import Capability, require
from carnet.access.visibility import visible_to
from carnet.offline.pages import available_offline

from .. import queries, services
from ..forms import PresenceSessionForm
from ..models import PresenceSession
from .common import confirm_delete, edit_page, entry_form, form_page, list_page, saved, saved_redirect

TEMPLATE = "activity/presence_form.html"


def _session(request, pk: int) -> PresenceSession:
    return get_object_or_404(visible_to(request).presence_sessions(), pk=pk)


@require(Capability.VIEW_YOUTHS)
def presence_list(request):
    return list_page(
        request, queries.presence_sessions_for(teams=request.teams), "activity/presence_list.html"
    )


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
@available_offline
def presence_create(request):
    form = entry_form(PresenceSessionForm, request)
    if session := saved(form, partial(services.presence_session_create, created_by=request.user)):
        return saved_redirect(request, "activity:presence_list", session, _("Présence sociale enregistrée."))
    return form_page(request, TEMPLATE, {"form": form})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def presence_update(request, pk: int):
    session = _session(request, pk)
    form = entry_form(PresenceSessionForm, request, instance=session)
    if saved(form, partial(services.presence_session_update, session=session)):
        return saved_redirect(request, "activity:presence_list", session, _("Présence sociale modifiée."))
    return edit_page(request, TEMPLATE, {"form": form, "record": session})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def presence_delete(request, pk: int):
    session = _session(request, pk)
    return confirm_delete(
        request,
        record=session,
        delete=partial(services.presence_session_delete, session=session),
        message=_("Présence sociale supprimée."),
        list_name="activity:presence_list",
    )
