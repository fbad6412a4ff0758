"""The import page: upload a spreadsheet, correct its columns and values, check it, import it.

Works without JavaScript: each step is a form posted to the same page. The
uploaded file is kept in MEDIA_ROOT/imports/<uuid> and referenced from the
session until it is imported. Reading, checking and writing are the import
services' (``jobs.execute``), as for the ``import`` command; a file of more than
``jobs.BACKGROUND_ROWS`` rows, and every export package (ZIP or JSON), is checked
and imported by the task worker while the progress page follows it.
"""

import dataclasses
import re
import uuid
from pathlib import Path

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from carnet.access.permissions import Capability, require, teams_with
from carnet.activity.models import ActionRole, InterventionKind
from carnet.organisations.models import Partner
from carnet.youths.models import Sex

from . import jobs
from .columns import ImportKind, ValueType, column_for, header_score
from .export import export_team, export_team_json
from .forms import PACKAGE, CorrectionsForm, UploadForm
from .mapping import ADDABLE, REFERENTIAL_MODELS, MappingProblem, propose_columns
from .package import check_package
from .reading import UnreadableFile, read_sheet
from .review import Candidate, Change, Decisions, PossibleDuplicate

SESSION_KEY = "imports"


def _value_choices(value_type: ValueType, team) -> list[tuple[str, str]] | None:
    """The recorded values a cell of ``value_type`` may be mapped to; None when it cannot be."""
    organisation = team.organisation
    if value_type == ValueType.SEX:
        return [(str(label), str(label)) for _value, label in Sex.choices]
    if value_type == ValueType.INTERVENTION_KIND:
        return [(str(label), str(label)) for _value, label in InterventionKind.choices]
    if value_type == ValueType.ACTION_ROLE:
        return [(str(label), str(label)) for _value, label in ActionRole.choices]
    if value_type == ValueType.COMMUNE:
        return [(commune.name, commune.name) for commune in team.communes.order_by("name")]
    if value_type == ValueType.PARTNERS:
        partners = Partner.objects.filter(organisation=organisation, is_active=True).order_by("name")
        return [(partner.name, partner.name) for partner in partners]
    model = REFERENTIAL_MODELS.get(value_type)
    if model is None:
        return None
    return [
        (item.code, item.label)
        for item in model.objects.filter(organisation=organisation, is_active=True).order_by("label")
    ]


ADD = "__ajouter__"


def _choices(request, column, team, value: str) -> list[tuple[str, str]] | None:
    """The values an unknown one may be mapped to, and adding it, for those allowed to add it."""
    choices = _value_choices(column.value_type, team)
    if choices is None:
        return None
    may_add = column.value_type == ValueType.PARTNERS or (
        column.value_type in ADDABLE
        and teams_with(request.user, Capability.EDIT_REFERENTIALS).filter(pk=team.pk).exists()
    )
    if may_add:
        choices = [(ADD, _("+ Ajouter « %(value)s » (à l'import)") % {"value": value}), *choices]
    return choices


def _initial_columns(kind: ImportKind, headers: list[str]) -> dict[str, str]:
    """The proposed field of each header: the services' proposal, or header by header if it fails."""
    try:
        mapping = propose_columns(kind, headers)
        return {headers[position]: column.field for position, column in mapping.by_position.items()}
    except MappingProblem:
        columns, taken = {}, set()
        for header in headers:
            column = column_for(kind, header) if header else None
            if column is not None and column.field not in taken:
                taken.add(column.field)
                columns[header] = column.field
        return columns


def _params(request, state: dict, *, dry_run: bool) -> dict:
    return {
        "path": state["path"],
        "filename": state["filename"],
        "kind": state["kind"],
        "team": state["team"],
        "user": request.user.pk,
        "columns": state["columns"],
        "values": state["values"],
        "additions": state.get("additions", {}),
        "rows": state["rows"],
        "decisions": state.get("decisions"),
        "dry_run": dry_run,
    }


def _run(request, token: str, state: dict, *, dry_run: bool):
    """Check (or import) the stored file with the state's corrections: in the request, or for a
    large file by the task worker, the page then following its progress."""
    if state["kind"] == PACKAGE or state["rows"] > jobs.BACKGROUND_ROWS:
        jobs.start(token=token, params=_params(request, state, dry_run=dry_run), rows=state["rows"])
        return redirect("imports:progress", token=token)
    try:
        report = jobs.execute(params=_params(request, state, dry_run=dry_run))
    except (UnreadableFile, MappingProblem) as problem:
        return _review(request, token, state, None, str(problem))
    return _outcome(request, token, state, report)


def _outcome(request, token: str, state: dict, report):
    """The done page after a written import, else the review of the check."""
    written = report.get("written") if isinstance(report, dict) else getattr(report, "written", False)
    if written:
        team = request.teams.get(pk=state["team"])
        _forget(request, token)
        context = {"step": "done", "report": report, "team": team, "package": state["kind"] == PACKAGE}
        return render(request, "imports/page.html", context)
    return _review(request, token, state, report, None)


def _unknowns(request, report, state: dict, team) -> list:
    """(header, value, choices, current choice) for each unknown value the check found, then
    for each value it read other than literally (to confirm, or to correct)."""
    if state["kind"] == PACKAGE or not report:
        return []
    kind = ImportKind(state["kind"])
    listed = [(header, value, "") for header, value, _count in report.unknown_values]
    listed += [
        (item.column, item.value, "" if item.to_confirm else item.target)
        for item in report.interpretations
        if item.value and item.target
    ]
    found = []
    for header, value, current in listed:
        field = state["columns"].get(header)
        column = column_for(kind, field) if field else None
        choices = _choices(request, column, team, value) if column else None
        if choices is not None:
            found.append((header, value, choices, current))
    return found


# Possible duplicates and changes the page offers to decide one by one; beyond, the answer
# for all the others (a new youth, or the row left out; every change accepted).
SHOWN_DECISIONS = 200


def _decided(report) -> dict:
    """What the review form asks about, kept in the session to read the answers back."""
    if not report or isinstance(report, dict):
        return {"duplicates": [], "changes": []}
    return {
        "duplicates": [dataclasses.asdict(item) for item in report.duplicates[:SHOWN_DECISIONS]],
        "changes": [dataclasses.asdict(item) for item in report.changes[:SHOWN_DECISIONS]],
    }


def _review_form(state: dict, unknowns, data=None) -> CorrectionsForm:
    asked = state.get("asked") or {"duplicates": [], "changes": []}
    return CorrectionsForm(
        data,
        kind=ImportKind(state["kind"]),
        headers=state["headers"],
        columns=state["columns"],
        unknowns=unknowns,
        duplicates=[
            PossibleDuplicate(**{**item, "candidates": [Candidate(**c) for c in item["candidates"]]})
            for item in asked["duplicates"]
        ],
        changes=[Change(**item) for item in asked["changes"]],
        decisions=Decisions.from_data(state.get("decisions")),
    )


def _review(request, token: str, state: dict, report, problem, form=None):
    team = request.teams.get(pk=state["team"])
    if state["kind"] == PACKAGE:
        request.session[SESSION_KEY][token] = state
        request.session.modified = True
        context = {"step": "review_package", "token": token, "state": state, "team": team}
        return render(request, "imports/page.html", {**context, "report": report, "problem": problem})
    unknown_rows = {}
    if report:
        for error in report.errors:
            unknown_rows.setdefault((error.column, error.value), []).append(error.row)
    unknowns = _unknowns(request, report, state, team)
    state["unknowns"] = [[header, value] for header, value, _choices, _current in unknowns]
    state["asked"] = _decided(report)
    request.session[SESSION_KEY][token] = state
    request.session.modified = True
    if form is None or not form.is_bound or report is not None:
        form = _review_form(state, unknowns)
    unknown_listing = [
        (column, value, count, unknown_rows.get((column, value), []))
        for column, value, count in (report.unknown_values if report else [])
    ]
    return render(
        request,
        "imports/page.html",
        {
            "step": "review",
            "token": token,
            "state": state,
            "team": team,
            "kind_label": dict(UploadForm.base_fields["kind"].choices)[state["kind"]],
            "form": form,
            "report": report,
            "problem": problem,
            "unknown_listing": unknown_listing,
        },
    )


def _upload(request):
    form = UploadForm(request.POST, request.FILES, teams=request.teams)
    if not form.is_valid():
        return _upload_page(request, form)
    upload = form.cleaned_data["file"]
    kind = form.cleaned_data["kind"]
    content = upload.read()
    try:
        if kind == PACKAGE:
            # Read by the task worker: only the ZIP's directory is looked at here.
            check_package(content, upload.name)
            headers, rows = [], 0
        else:
            sheet = read_sheet(content, upload.name, header_score=header_score(ImportKind(kind)))
            headers, rows = [str(header) for header in sheet.headers], len(sheet.rows)
    except UnreadableFile as problem:
        form.add_error("file", str(problem))
        return _upload_page(request, form)
    token = uuid.uuid4().hex
    jobs.remove_abandoned()
    path = jobs.store(token=token, content=content)
    state = {
        "path": str(path),
        "filename": Path(upload.name).name,
        "kind": kind,
        "team": form.cleaned_data["team"].pk,
        "headers": headers,
        "columns": {} if kind == PACKAGE else _initial_columns(ImportKind(kind), headers),
        "values": {},
        "unknowns": [],
        "rows": rows,
    }
    request.session.setdefault(SESSION_KEY, {})[token] = state
    request.session.modified = True
    return _run(request, token, state, dry_run=True)


def _forget(request, token: str) -> None:
    state = request.session.get(SESSION_KEY, {}).pop(token, None)
    request.session.modified = True
    if state:
        Path(state["path"]).unlink(missing_ok=True)
    jobs.forget(token)


def _correct(request, action: str):
    token = request.POST.get("token", "")
    state = request.session.get(SESSION_KEY, {}).get(token)
    if state is None or not request.teams.filter(pk=state["team"]).exists():
        messages.warning(request, _("Ce fichier n'est plus disponible : déposez-le à nouveau."))
        return redirect("imports:page")
    if action == "cancel":
        _forget(request, token)
        return redirect("imports:page")
    if state["kind"] == PACKAGE:
        return _run(request, token, state, dry_run=action != "import")
    kind = ImportKind(state["kind"])
    team = request.teams.get(pk=state["team"])
    unknowns = []
    for header, value in state["unknowns"]:
        column = (
            column_for(kind, state["columns"].get(header) or "") if state["columns"].get(header) else None
        )
        unknowns.append(
            (header, value, (_choices(request, column, team, value) if column else None) or [], "")
        )
    form = _review_form(state, unknowns, request.POST)
    if not form.is_valid():
        return _review(request, token, state, None, _("Corrections invalides : vérifiez les choix."), form)
    state["columns"] = form.columns()
    state["decisions"] = form.decisions().to_data()
    for header, value, target in form.values():
        field = state["columns"].get(header)
        column = column_for(kind, field) if field else None
        if column is None:
            continue
        if target == ADD:
            additions = state.setdefault("additions", {}).setdefault(column.value_type.value, [])
            if value not in additions:
                additions.append(value)
        else:
            state["values"].setdefault(column.value_type.value, {})[value] = target
    return _run(request, token, state, dry_run=action != "import")


@require(Capability.RECORD_ACTIVITY)
def import_page(request):
    """Step 1 (GET, or POST of the file), then checks and the import (POST with the token)."""
    if request.method == "POST":
        action = request.POST.get("action", "upload")
        if action == "upload":
            return _upload(request)
        if action in ("check", "import", "cancel"):
            return _correct(request, action)
    return _upload_page(request, UploadForm(teams=request.teams))


def _upload_page(request, form):
    exportable = teams_with(request.user, Capability.EXPORT_DATA).order_by("name")
    return render(
        request, "imports/page.html", {"step": "upload", "upload_form": form, "exportable": exportable}
    )


@require(Capability.RECORD_ACTIVITY)
def progress_page(request, token: str):
    """Where a background check or import stands; htmx asks again every second until it ends."""
    state = request.session.get(SESSION_KEY, {}).get(token)
    progress = jobs.progress(token)
    if state is None or progress is None or not request.teams.filter(pk=state["team"]).exists():
        messages.warning(request, _("Ce fichier n'est plus disponible : déposez-le à nouveau."))
        return redirect("imports:page")
    finished = progress["status"] in ("done", "failed")
    if finished and request.headers.get("HX-Request"):
        # The whole page changes (review or done): htmx loads it as a page.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("imports:progress", kwargs={"token": token})
        return response
    if progress["status"] == "failed":
        return _review(request, token, state, None, progress["problem"])
    if progress["status"] == "done":
        return _outcome(request, token, state, jobs.report_from_data(progress["report"]))
    context = {
        "step": "progress",
        "token": token,
        "state": state,
        "progress": progress,
        "percent": progress["done"] * 100 // progress["total"] if progress["total"] else 0,
    }
    template = "imports/page.html#progress" if request.headers.get("HX-Request") else "imports/page.html"
    return render(request, template, context)


@require(Capability.EXPORT_DATA)
def export_download(request):
    """Everything the team holds: ?team=<id>&format=zip (CSV files) or json (one document);
    without a team, the page listing the teams the user may export."""
    if not request.GET.get("team"):
        return render(request, "imports/export.html", {"exportable": request.teams.order_by("name")})
    team_id = request.GET["team"]
    team_id = int(team_id) if re.fullmatch(r"[0-9]{1,18}", team_id) else 0  # "abc" names no team
    team = get_object_or_404(request.teams, pk=team_id)
    as_json = request.GET.get("format") == "json"
    # Through the permission layer, which logs the reads; the export logs itself too.
    export = export_team_json if as_json else export_team
    content = export(team=team, user=request.user)
    name = f"carnet-{slugify(team.short_name or team.name)}-{timezone.localdate():%Y-%m-%d}"
    response = HttpResponse(content, content_type="application/json" if as_json else "application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}.{"json" if as_json else "zip"}"'
    return response
