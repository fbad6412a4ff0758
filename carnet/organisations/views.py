"""The organisation's partners: listed, added and changed by those who record activity."""

from functools import partial

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from carnet.access.permissions import Capability, require
from carnet.activity.queries import organisations_of
from carnet.activity.views.common import confirm_delete, edit_page, list_page, saved, saved_redirect

from . import services
from .forms import PartnerForm
from .models import Partner
from .queries import partners_for

TEMPLATE = "organisations/partner_form.html"
LIST = "activity:partner_list"


def _partners(request) -> QuerySet[Partner]:
    return partners_for(organisations=organisations_of(teams=request.teams))


def _form(request, instance: Partner | None = None) -> PartnerForm:
    data = request.POST if request.method == "POST" else None
    organisations = organisations_of(teams=request.teams)
    return PartnerForm(data, teams=request.teams, organisations=organisations, instance=instance)


@require(Capability.VIEW_YOUTHS)
def partner_list(request):
    return list_page(request, _partners(request), "organisations/partner_list.html")


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def partner_create(request):
    form = _form(request)
    if partner := saved(form, services.partner_create):
        return saved_redirect(
            request, LIST, partner, _("Partenaire « %(name)s » ajouté.") % {"name": partner}
        )
    return render(request, TEMPLATE, {"form": form})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def partner_update(request, pk: int):
    partner = get_object_or_404(_partners(request), pk=pk)
    form = _form(request, instance=partner)
    if saved(form, partial(services.partner_update, partner=partner)):
        return saved_redirect(
            request, LIST, partner, _("Partenaire « %(name)s » modifié.") % {"name": partner}
        )
    return edit_page(request, TEMPLATE, {"form": form, "record": partner})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def partner_delete(request, pk: int):
    partner = get_object_or_404(_partners(request), pk=pk)
    return confirm_delete(
        request,
        record=partner,
        delete=partial(services.partner_delete, partner=partner),
        message=_("Partenaire supprimé."),
        list_name=LIST,
    )
