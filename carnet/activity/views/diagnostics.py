"""Territorial diagnostics per quartier: list, create, change, and the version shared with partners."""

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from carnet.access.permissions import Capability, require

from .. import diagnostic_services, queries
from ..forms.diagnostics import DiagnosticForm
from ..models import TerritorialDiagnostic
from .common import edit_page, list_page, saved, saved_redirect

TEMPLATE = "activity/diagnostic_form.html"
PRINT_CSS = Path(__file__).resolve().parents[1] / "static" / "activity" / "diagnostic_print.css"


def _diagnostic(request: HttpRequest, pk: int) -> TerritorialDiagnostic:
    return get_object_or_404(queries.diagnostics_for(teams=request.teams), pk=pk)


@require(Capability.VIEW_YOUTHS)
def diagnostic_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, queries.diagnostics_for(teams=request.teams), "activity/diagnostic_list.html")


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def diagnostic_create(request: HttpRequest) -> HttpResponse:
    form = DiagnosticForm(request.POST or None, teams=request.teams)
    if diagnostic := saved(form, diagnostic_services.diagnostic_save):
        return saved_redirect(request, "activity:diagnostic_list", diagnostic, _("Diagnostic enregistré."))
    return render(request, TEMPLATE, {"form": form})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def diagnostic_update(request: HttpRequest, pk: int) -> HttpResponse:
    diagnostic = _diagnostic(request, pk)
    form = DiagnosticForm(request.POST or None, teams=request.teams, instance=diagnostic)
    if saved(form, diagnostic_services.diagnostic_save):
        return saved_redirect(request, "activity:diagnostic_list", diagnostic, _("Diagnostic modifié."))
    return edit_page(request, TEMPLATE, {"form": form, "record": diagnostic})


@require(Capability.VIEW_YOUTHS)
def diagnostic_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The version shared with the partners: the diagnostic's own fields, no youth and no staff name."""
    # Imported here: WeasyPrint loads Pango at import time, which only the PDF needs.
    from weasyprint import HTML

    diagnostic = _diagnostic(request, pk)
    context = {"diagnostic": diagnostic, "css": PRINT_CSS.read_text()}
    pdf = HTML(string=render_to_string("activity/diagnostic_shared.html", context)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"diagnostic-{diagnostic.quartier.name}-{diagnostic.date:%Y-%m}".replace(" ", "-")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
