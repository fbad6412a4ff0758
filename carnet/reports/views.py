"""The report pages: choose a scope, read the report, drill down, edit, export, issue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from carnet.access.permissions import Capability, require
from carnet.access.visibility import visible_to

from . import services
from .figures import figure_picker
from .forms import FundersForm, IssueForm, ModelChoiceForm, NarrativeForm, ScopeForm
from .model_library import models_for
from .model_needs import missing_figures
from .models import Audience, ReportFormat
from .presentation import disclosure_preview
from .queries import drilldown_rows, figure_heading, issued_reports_for, link_maker
from .renderers.html import document_context
from .renderers.outline import DATA_GAPS_SHOWN


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
        draft = services.draft_get(scope=scope)
        model = services.report_model(scope=scope, draft=draft)
        compare = form.cleaned_data["compare"]
        report, outline = services.page_report(scope=scope, compare=compare, draft=draft, model=model)
        # The data-quality list names the youths it shows.
        visible_to(request).listed(
            what="jeunes", ids=[gap.youth_id for gap in report.data_gaps[:DATA_GAPS_SHOWN]]
        )
        chosen = list(draft.funders.all()) if draft else []
        interactive = not scope.is_organisation
        context |= document_context(
            outline=outline,
            link_for=link_maker(query),
            gap_link=lambda youth_id: reverse("youths:detail", args=[youth_id]),
            interactive=interactive,
        )
        models = models_for(organisation_id=scope.organisation_id)
        context |= {
            "report": report,
            "query": query,
            "formats": ReportFormat.choices,
            "model": model,
            "model_form": ModelChoiceForm(models=models, initial={"model": model.slug}),
            "missing_figures": missing_figures(needs=model.needs, report=report),
        }
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
    draft = services.draft_get(scope=form.scope)
    model = services.report_model(scope=form.scope, draft=draft)
    report = services.report_for(scope=form.scope, model=model)
    heading = figure_heading(report=report, table=table, row=row, column=column)
    context = {"listing": listing, "back": back, "scope": form.scope, "heading": heading}
    return render(request, "reports/drilldown.html", context)


@require(Capability.VIEW_REPORTS)
def section_edit(request, section):
    scope_form = _team_scope_form(request)
    scope = scope_form.scope
    draft = services.draft_get(scope=scope)
    model = services.report_model(scope=scope, draft=draft)
    spec = next((spec for spec in model.narrative_sections if spec.key == section), None)
    if spec is None:
        raise Http404(
            _("Ce modèle de bilan n’a pas de section « %(section)s » à rédiger.") % {"section": section}
        )
    if request.method == "POST":
        form = NarrativeForm(request.POST, label=spec.title)
        if form.is_valid():
            try:
                services.draft_save_section(
                    scope=scope, section=spec.key, text=form.cleaned_data["text"], user=request.user
                )
            except ValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(request, _("Section « %(section)s » enregistrée.") % {"section": spec.title})
                return redirect(f"{reverse('reports:page')}?{scope_form.query_string()}#section-{spec.key}")
    else:
        text = (draft.narrative if draft else {}).get(spec.key, spec.text)
        form = NarrativeForm(label=spec.title, initial={"text": text})
    report = services.report_for(scope=scope, model=model)
    context = {
        "form": form,
        "section": spec,
        "query": scope_form.query_string(),
        "scope": scope,
        "figures": figure_picker(report),
    }
    template = (
        "reports/page.html#section_form" if request.headers.get("HX-Request") else "reports/section_edit.html"
    )
    return render(request, template, context)


@require(Capability.ISSUE_REPORTS)
@require_POST
def model_update(request):
    scope_form = _team_scope_form(request)
    scope = scope_form.scope
    form = ModelChoiceForm(request.POST, models=models_for(organisation_id=scope.organisation_id))
    if form.is_valid():
        services.draft_set_model(scope=scope, slug=form.cleaned_data["model"], user=request.user)
        messages.success(request, _("Modèle de bilan enregistré."))
    else:
        messages.error(request, _("Choisissez un modèle de bilan de la liste."))
    return redirect(f"{reverse('reports:page')}?{scope_form.query_string()}")


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
