"""The report pages: choose a scope, read the report, drill down, edit, export, issue."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from carnet.access.permissions import Capability, require
from carnet.access.visibility import visible_to

from . import services
from .forms import FundersForm, IssueForm, NarrativeForm, ScopeForm
from .models import Audience, NarrativeSection, ReportFormat
from .presentation import disclosure_preview
from .queries import drilldown_rows, issued_reports_for, link_maker
from .renderers.html import DATA_GAPS_SHOWN, document_context


def _scope_form(request) -> ScopeForm:
    data = request.GET if "team" in request.GET else None
    return ScopeForm(data, teams=request.teams)


def _valid_scope_form(request) -> ScopeForm:
    form = _scope_form(request)
    if not form.is_bound or not form.is_valid():
        raise Http404(_("Bilan introuvable : équipe, commune ou période invalide."))
    return form


def _team_scope_form(request) -> ScopeForm:
    """A team's scope: only a team's report has texts, funders and issued versions."""
    form = _valid_scope_form(request)
    if form.scope.is_organisation:
        raise Http404(_("Le bilan de toutes les équipes ne se rédige ni ne s'émet."))
    return form


@require(Capability.VIEW_REPORTS)
def report_page(request):
    form = _scope_form(request)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        scope = form.scope
        query = form.query_string()
        report = services.report_for(scope=scope, compare=form.cleaned_data["compare"])
        # The data-quality list names the youths it shows.
        visible_to(request).listed(
            what="jeunes", ids=[gap.youth_id for gap in report.data_gaps[:DATA_GAPS_SHOWN]]
        )
        draft = services.draft_get(scope=scope)
        chosen = list(draft.funders.all()) if draft else []
        context |= document_context(
            report=report,
            narrative=draft.narrative if draft else {},
            funders=services.funder_logos(chosen),
            link_for=link_maker(query),
            gap_link=lambda youth_id: reverse("youths:detail", args=[youth_id]),
            interactive=not scope.is_organisation,
        )
        context |= {"query": query, "formats": ReportFormat.choices}
        if not scope.is_organisation:
            context |= {
                "funders_form": FundersForm(
                    funders=services.available_funders(scope=scope, chosen=chosen),
                    initial={"funders": chosen},
                ),
                "issue_form": IssueForm(initial={"audience": Audience.EXTERNAL}),
                "disclosure_preview": disclosure_preview(
                    report, services.external_plan_for(scope=scope, report=report)
                ),
            }
    return render(request, "reports/page.html", context)


@require(Capability.VIEW_REPORTS)
def drilldown(request):
    form = _valid_scope_form(request)
    table, row, column = (request.GET.get(name, "") for name in ("table", "row", "column"))
    try:
        listing = drilldown_rows(
            scope=form.scope, table=table, row=row, column=column, reader=visible_to(request)
        )
    except ValueError as error:
        raise Http404(str(error)) from error
    back = f"{reverse('reports:page')}?{form.query_string()}"
    return render(request, "reports/drilldown.html", {"listing": listing, "back": back, "scope": form.scope})


@require(Capability.VIEW_REPORTS)
def section_edit(request, section):
    try:
        section = NarrativeSection(section)
    except ValueError as error:
        raise Http404 from error
    scope_form = _team_scope_form(request)
    scope = scope_form.scope
    draft = services.draft_get(scope=scope)
    if request.method == "POST":
        form = NarrativeForm(request.POST, section=section)
        if form.is_valid():
            services.draft_save_section(
                scope=scope, section=section, text=form.cleaned_data["text"], user=request.user
            )
            messages.success(request, _("Section « %(section)s » enregistrée.") % {"section": section.label})
            return redirect(f"{reverse('reports:page')}?{scope_form.query_string()}#section-{section.value}")
    else:
        form = NarrativeForm(
            section=section, initial={"text": (draft.narrative if draft else {}).get(section.value, "")}
        )
    context = {"form": form, "section": section, "query": scope_form.query_string(), "scope": scope}
    template = (
        "reports/page.html#section_form" if request.headers.get("HX-Request") else "reports/section_edit.html"
    )
    return render(request, template, context)


@require(Capability.VIEW_REPORTS)
@require_POST
def funders_update(request):
    scope_form = _team_scope_form(request)
    draft = services.draft_get(scope=scope_form.scope)
    chosen = list(draft.funders.all()) if draft else []
    form = FundersForm(
        request.POST, funders=services.available_funders(scope=scope_form.scope, chosen=chosen)
    )
    if form.is_valid():
        services.draft_set_funders(
            scope=scope_form.scope, funders=list(form.cleaned_data["funders"]), user=request.user
        )
        messages.success(request, _("Financeurs de la page de titre enregistrés."))
    else:
        messages.error(request, _("Choix des financeurs invalide."))
    return redirect(f"{reverse('reports:page')}?{scope_form.query_string()}")


@require(Capability.VIEW_REPORTS)
def export(request, fmt):
    if fmt not in ReportFormat.values:
        raise Http404
    scope_form = _valid_scope_form(request)
    audience = Audience.EXTERNAL if request.GET.get("audience") == Audience.EXTERNAL else Audience.INTERNAL
    rendering = services.report_render(scope=scope_form.scope, fmt=fmt, audience=audience)
    return _download(rendering)


@require(Capability.ISSUE_REPORTS)
@require_POST
def issue(request):
    scope_form = _team_scope_form(request)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez les destinataires du bilan."))
        return redirect(f"{reverse('reports:page')}?{scope_form.query_string()}")
    issued = services.report_issue(
        scope=scope_form.scope, audience=form.cleaned_data["audience"], user=request.user
    )
    messages.success(request, _("Bilan émis : ses chiffres et ses textes sont figés."))
    return redirect("reports:issued_detail", pk=issued.pk)


@require(Capability.VIEW_ISSUED_REPORTS)
def issued_list(request):
    return render(request, "reports/issued_list.html", {"issued_reports": issued_reports_for(request.user)})


@require(Capability.VIEW_ISSUED_REPORTS)
def issued_detail(request, pk):
    issued = get_object_or_404(issued_reports_for(request.user), pk=pk)
    return render(request, "reports/issued_detail.html", {"issued": issued, "formats": ReportFormat.choices})


@require(Capability.VIEW_ISSUED_REPORTS)
def issued_download(request, pk, fmt):
    issued = get_object_or_404(visible_to(request).issued_reports(), pk=pk)
    if fmt not in ReportFormat.values:
        raise Http404
    return _download(services.issued_file(issued=issued, fmt=fmt))


def _download(rendering: services.Rendering) -> HttpResponse:
    response = HttpResponse(rendering.content, content_type=rendering.content_type)
    disposition = "inline" if rendering.filename.endswith((".pdf", ".html")) else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rendering.filename}"'
    return response
