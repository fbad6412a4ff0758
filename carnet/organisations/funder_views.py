"""The organisation's funders and their logos, on Carnet's screens (team leaders and directors)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from carnet.access.permissions import Capability, require
from carnet.activity.queries import organisations_of

from . import services
from .forms import FunderForm
from .models import Funder

TEMPLATE = "organisations/funder_form.html"


def _funders(request: HttpRequest):
    organisations = organisations_of(teams=request.teams)
    return Funder.objects.filter(organisation__in=organisations).prefetch_related("teams").order_by("name")


def _form(request: HttpRequest, instance: Funder | None = None) -> FunderForm:
    posted = request.method == "POST"
    return FunderForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisations=organisations_of(teams=request.teams),
        teams=request.teams,
        instance=instance,
    )


def _save(request: HttpRequest, form: FunderForm) -> Funder | None:
    if not form.is_valid():
        return None
    try:
        return services.funder_save(**form.service_kwargs())
    except ValidationError as error:
        form.add_service_errors(error)
        return None


@require(Capability.EDIT_REFERENTIALS)
def funder_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/funder_list.html", {"funders": _funders(request)})


@require(Capability.EDIT_REFERENTIALS)
@require_http_methods(["GET", "POST"])
def funder_create(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if funder := _save(request, form):
        messages.success(request, _("Financeur « %(name)s » ajouté.") % {"name": funder.name})
        return redirect("referentials:funder_list")
    return render(request, TEMPLATE, {"form": form})


@require(Capability.EDIT_REFERENTIALS)
@require_http_methods(["GET", "POST"])
def funder_update(request: HttpRequest, pk: int) -> HttpResponse:
    funder = get_object_or_404(_funders(request), pk=pk)
    form = _form(request, instance=funder)
    if _save(request, form):
        messages.success(request, _("Financeur « %(name)s » modifié.") % {"name": funder.name})
        return redirect("referentials:funder_list")
    return render(request, TEMPLATE, {"form": form, "record": funder})
