from functools import partial

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from carnet.access.permissions import Capability, require

from .. import queries, services
from ..forms import PartnershipMeetingForm
from ..models import PartnershipMeeting
from .common import confirm_delete, edit_page, entry_form, list_page, saved, saved_redirect

TEMPLATE = "activity/meeting_form.html"


def _meeting(request, pk: int) -> PartnershipMeeting:
    return get_object_or_404(PartnershipMeeting.objects.filter(team__in=request.teams), pk=pk)


@require(Capability.VIEW_YOUTHS)
def meeting_list(request):
    return list_page(
        request, queries.partnership_meetings_for(teams=request.teams), "activity/meeting_list.html"
    )


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    form = entry_form(PartnershipMeetingForm, request)
    if meeting := saved(form, services.partnership_meeting_create):
        return saved_redirect(
            request, "activity:meeting_list", meeting, _("Réunion partenariale enregistrée.")
        )
    return render(request, TEMPLATE, {"form": form})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def meeting_update(request, pk: int):
    meeting = _meeting(request, pk)
    form = entry_form(PartnershipMeetingForm, request, instance=meeting)
    if saved(form, partial(services.partnership_meeting_update, meeting=meeting)):
        return saved_redirect(request, "activity:meeting_list", meeting, _("Réunion partenariale modifiée."))
    return edit_page(request, TEMPLATE, {"form": form, "record": meeting})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def meeting_delete(request, pk: int):
    meeting = _meeting(request, pk)
    return confirm_delete(
        request,
        record=meeting,
        delete=partial(services.partnership_meeting_delete, meeting=meeting),
        message=_("Réunion partenariale supprimée."),
        list_name="activity:meeting_list",
    )
