"""The import page: upload a spreadsheet, correct its columns and values, check it, import it.

Works without JavaScript: each step is a form posted to the same page. The
uploaded file is kept in MEDIA_ROOT/imports/<uuid> and referenced from the
session until it is imported. Reading, checking and writing are the import
services' (``import_file``), as for the ``import`` command.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from carnet.access.permissions import Capability, require
from carnet.activity.models import InterventionKind
from carnet.referentials.models import Domain, Origin, Situation
from carnet.youths.models import Sex

from .columns import ImportKind, ValueType, column_for, header_score
from .forms import CorrectionsForm, UploadForm
from .mapping import MappingProblem, propose_columns
from .reading import UnreadableFile, read_sheet
from .services import import_file

SESSION_KEY = "imports"


def _directory() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _value_choices(value_type: ValueType, team) -> list[tuple[str, str]] | None:
    """The recorded values a cell of ``value_type`` may be mapped to; None when it cannot be."""
    organisation = team.organisation
    if value_type == ValueType.SEX:
        return [(str(label), str(label)) for _value, label in Sex.choices]
    if value_type == ValueType.INTERVENTION_KIND:
        return [(str(label), str(label)) for _value, label in InterventionKind.choices]
    if value_type == ValueType.COMMUNE:
        return [(commune.name, commune.name) for commune in team.communes.order_by("name")]
    model = {ValueType.ORIGIN: Origin, ValueType.SITUATION: Situation, ValueType.DOMAINS: Domain}.get(
        value_type
    )
    if model is None:
        return None
    return [
        (item.code, item.label)
        for item in model.objects.filter(organisation=organisation, is_active=True).order_by("label")
    ]


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


def _run(request, state: dict, *, dry_run: bool):
    """Check (or import) the stored file with the state's corrections: (report, problem)."""
    team = request.teams.get(pk=state["team"])
    kind = ImportKind(state["kind"])
    values: dict[ValueType, dict] = {}
    for value_type, pairs in state["values"].items():
        values[ValueType(value_type)] = dict(pairs)
    try:
        report = import_file(
            team=team,
            kind=kind,
            content=Path(state["path"]).read_bytes(),
            filename=state["filename"],
            dry_run=dry_run,
            user=request.user,
            column_overrides={header: field or None for header, field in state["columns"].items()},
            value_overrides=values,
        )
    except (UnreadableFile, MappingProblem) as problem:
        return None, str(problem)
    return report, None


def _unknowns(report, state: dict, team) -> list:
    """(header, value, choices, current choice) for each unknown value the check found."""
    kind = ImportKind(state["kind"])
    found = []
    for header, value, _count in report.unknown_values if report else []:
        field = state["columns"].get(header)
        column = column_for(kind, field) if field else None
        choices = _value_choices(column.value_type, team) if column else None
        if choices is not None and not (column.value_type == ValueType.DOMAINS and "," in value):
            found.append((header, value, choices, ""))
    return found


def _review(request, token: str, state: dict, report, problem, form=None):
    team = request.teams.get(pk=state["team"])
    unknown_rows = {}
    if report:
        for error in report.errors:
            unknown_rows.setdefault((error.column, error.value), []).append(error.row)
    unknowns = _unknowns(report, state, team)
    state["unknowns"] = [[header, value] for header, value, _choices, _current in unknowns]
    request.session[SESSION_KEY][token] = state
    request.session.modified = True
    if form is None or not form.is_bound or report is not None:
        form = CorrectionsForm(
            kind=ImportKind(state["kind"]),
            headers=state["headers"],
            columns=state["columns"],
            unknowns=unknowns,
        )
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
        return render(request, "imports/page.html", {"step": "upload", "upload_form": form})
    upload = form.cleaned_data["file"]
    kind = ImportKind(form.cleaned_data["kind"])
    content = upload.read()
    try:
        sheet = read_sheet(content, upload.name, header_score=header_score(kind))
    except UnreadableFile as problem:
        form.add_error("file", str(problem))
        return render(request, "imports/page.html", {"step": "upload", "upload_form": form})
    token = uuid.uuid4().hex
    path = _directory() / token
    path.write_bytes(content)
    state = {
        "path": str(path),
        "filename": Path(upload.name).name,
        "kind": kind.value,
        "team": form.cleaned_data["team"].pk,
        "headers": [str(header) for header in sheet.headers],
        "columns": _initial_columns(kind, sheet.headers),
        "values": {},
        "unknowns": [],
    }
    request.session.setdefault(SESSION_KEY, {})
    report, problem = _run(request, state, dry_run=True)
    return _review(request, token, state, report, problem)


def _forget(request, token: str) -> None:
    state = request.session.get(SESSION_KEY, {}).pop(token, None)
    request.session.modified = True
    if state:
        Path(state["path"]).unlink(missing_ok=True)


def _correct(request, action: str):
    token = request.POST.get("token", "")
    state = request.session.get(SESSION_KEY, {}).get(token)
    if state is None or not request.teams.filter(pk=state["team"]).exists():
        messages.warning(request, _("Ce fichier n'est plus disponible : déposez-le à nouveau."))
        return redirect("imports:page")
    if action == "cancel":
        _forget(request, token)
        return redirect("imports:page")
    kind = ImportKind(state["kind"])
    team = request.teams.get(pk=state["team"])
    unknowns = []
    for header, value in state["unknowns"]:
        column = (
            column_for(kind, state["columns"].get(header) or "") if state["columns"].get(header) else None
        )
        unknowns.append((header, value, _value_choices(column.value_type, team) if column else [], ""))
    form = CorrectionsForm(
        request.POST, kind=kind, headers=state["headers"], columns=state["columns"], unknowns=unknowns
    )
    if not form.is_valid():
        return _review(request, token, state, None, _("Corrections invalides : vérifiez les choix."), form)
    state["columns"] = form.columns()
    for header, value, target in form.values():
        field = state["columns"].get(header)
        column = column_for(kind, field) if field else None
        if column is not None:
            state["values"].setdefault(column.value_type.value, {})[value] = target
    report, problem = _run(request, state, dry_run=action != "import")
    if action == "import" and report is not None and report.written:
        _forget(request, token)
        return render(request, "imports/page.html", {"step": "done", "report": report, "team": team})
    return _review(request, token, state, report, problem)


@require(Capability.RECORD_ACTIVITY)
def import_page(request):
    """Step 1 (GET, or POST of the file), then checks and the import (POST with the token)."""
    if request.method == "POST":
        action = request.POST.get("action", "upload")
        if action == "upload":
            return _upload(request)
        if action in ("check", "import", "cancel"):
            return _correct(request, action)
    return render(
        request, "imports/page.html", {"step": "upload", "upload_form": UploadForm(teams=request.teams)}
    )
