"""Imports of large files as background tasks, and the progress the import page shows.

A file of more than ``BACKGROUND_ROWS`` rows is checked and imported by the
task worker (django-tasks), not within the page's request. The job's
parameters and its progress are small JSON files beside the uploaded file, so
that the worker writes progress while the import's transaction is still open
(a database row would stay invisible until the commit, and on SQLite would
wait for the import's write lock).
"""

import dataclasses
import datetime
import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone
from django_tasks_db.utils import is_locked_database_exception

from carnet.access.models import User
from carnet.operations import worker
from carnet.organisations.models import Partner, PartnerType, Team
from carnet.referentials.services import referential_save

from .columns import ImportKind, ValueType
from .mapping import ADDABLE, MappingProblem
from .package import PackageReport, import_package
from .reading import RowError, UnreadableFile
from .report import ImportReport
from .review import Candidate, Change, Decisions, Interpretation, PossibleDuplicate
from .services import import_file

BACKGROUND_ROWS = 5_000


# An upload left behind (the page closed after the dry run) is deleted after this long.
ABANDONED_AFTER = datetime.timedelta(days=1)


def directory() -> Path:
    """Where uploads and jobs wait: readable by Carnet's own account only, as every file in it."""
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def store(*, token: str, content: bytes) -> Path:
    """Keep an uploaded file for its checks and import (private, deleted once imported)."""
    path = directory() / token
    _write_private(path, content)
    return path


def _write_private(path: Path, content: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)


def remove_abandoned(*, now: datetime.datetime | None = None) -> int:
    """Delete the uploads, jobs and reports older than ABANDONED_AFTER; how many files."""
    limit = (now or timezone.now()).timestamp() - ABANDONED_AFTER.total_seconds()
    removed = 0
    for path in directory().iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _progress_path(token: str) -> Path:
    return directory() / f"{token}.progress.json"


def _write(path: Path, data: dict) -> None:
    # Written aside then renamed: the page never reads half a file.
    partial = path.with_suffix(".tmp")
    _write_private(partial, json.dumps(data, ensure_ascii=False).encode())
    os.replace(partial, path)


def _read_progress(token: str) -> dict | None:
    try:
        return json.loads(_progress_path(token).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def progress(token: str) -> dict | None:
    """{"status": queued|running|done|failed, "done", "total", "report" or "problem"}, and
    "stalled" while it waits for a task worker that is not running.

    A job whose worker died (killed during an import) is marked failed here: its page would
    otherwise show « Import en cours… 55 % » forever.
    """
    data = _read_progress(token)
    if data is None or data["status"] not in ("queued", "running"):
        return data
    task_id = _task_id(token)
    state = worker.task_state(task_id) if task_id else "unknown"
    if state in ("orphaned", "ended"):
        # Read again: a job that ended a moment ago has written its outcome.
        data = _read_progress(token) or data
        if data["status"] in ("queued", "running"):
            data = {**data, "status": "failed", "problem": WORKER_STOPPED}
            _write(_progress_path(token), data)
    elif state == "stalled":
        data["stalled"] = True
    return data


def _task_id(token: str) -> str | None:
    try:
        return (directory() / f"{token}.task").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def start(*, token: str, params: dict[str, Any], rows: int) -> None:
    """Queue the check (or import) ``params`` describes; the page then follows its progress."""
    from .tasks import run_import

    _write(directory() / f"{token}.job.json", params)
    _write(
        _progress_path(token), {"status": "queued", "done": 0, "total": rows, "dry_run": params["dry_run"]}
    )
    # Beside the progress, which the worker rewrites: the page asks the queue about this task.
    _write_private(directory() / f"{token}.task", str(run_import.enqueue(token=token).id).encode())


def forget(token: str) -> None:
    for suffix in (".job.json", ".progress.json", ".task"):
        (directory() / f"{token}{suffix}").unlink(missing_ok=True)


def run(token: str) -> dict:
    """The task's work: run the job, writing its progress, and keep its report for the page."""
    params = json.loads((directory() / f"{token}.job.json").read_text(encoding="utf-8"))
    state = {"status": "running", "done": 0, "total": params["rows"], "dry_run": params["dry_run"]}
    last = [-1]

    def report_progress(done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent != last[0]:
            last[0] = percent
            _write(_progress_path(token), {**state, "done": done, "total": total})

    report_progress(0, params["rows"])
    try:
        report = execute(params=params, progress=report_progress)
    except (UnreadableFile, MappingProblem) as problem:
        result = {**state, "status": "failed", "problem": str(problem)}
    except OperationalError as error:
        if not is_locked_database_exception(error):
            _write(_progress_path(token), {**state, "status": "failed", "problem": FAILED})
            raise
        result = {**state, "status": "failed", "problem": LOCKED}
    except Exception:
        _write(_progress_path(token), {**state, "status": "failed", "problem": FAILED})
        raise
    else:
        result = {**state, "status": "done", "done": state["total"], "report": report_to_data(report)}
        if report.written:
            # Imported: the file is not needed any more, even if its page is never seen again.
            Path(params["path"]).unlink(missing_ok=True)
    _write(_progress_path(token), result)
    return {"status": result["status"]}


FAILED = (
    "L'import a échoué sur une erreur inattendue ; rien n'a été enregistré. L'équipe technique a le détail."
)
LOCKED = (
    "La base de données est restée occupée par une autre écriture (plus de 5 secondes) : rien n'a été "
    "enregistré. Relancez dans un moment."
)
WORKER_STOPPED = (
    "Le traitement en arrière-plan s'est arrêté avant la fin (processus de tâches interrompu) : "
    "rien n'a été enregistré. Vérifiez à nouveau le fichier, puis relancez l'import."
)


def execute(*, params: dict, progress=None) -> ImportReport | PackageReport:
    """Check or import the stored file as the page asked (the same call, with or without a task).

    Values the user chose to add to the referentials are added in the import's transaction:
    kept when the import is written, undone after a dry run or a refused import.
    """
    team = Team.objects.get(pk=params["team"])
    user = User.objects.filter(pk=params.get("user")).first()
    additions = params.get("additions") or {}
    if not additions:
        # No transaction around the check: on SQLite it would hold the write lock (BEGIN
        # IMMEDIATE) while rows are read, and other users' writes would wait for it.
        return _execute(params, team, user, progress)
    with transaction.atomic():
        add_values(team=team, additions=additions)
        report = _execute(params, team, user, progress)
        if not report.written:
            transaction.set_rollback(True)
    return report


def add_values(*, team: Team, additions: dict[str, list[str]]) -> None:
    """Add each value to its referential (or the partners) under the label the file gives it."""
    organisation = team.organisation
    for value_type, labels in additions.items():
        for label in labels:
            label = " ".join(label.split())
            if ValueType(value_type) == ValueType.PARTNERS:
                Partner.objects.get_or_create(
                    organisation=organisation, name=label, defaults={"partner_type": PartnerType.OTHER}
                )
                continue
            model = ADDABLE[ValueType(value_type)]
            if not model.objects.filter(organisation=organisation, label__iexact=label).exists():
                position = model.objects.filter(organisation=organisation).count()
                referential_save(value=model(organisation=organisation, label=label, position=position))


def _execute(params: dict, team: Team, user: User | None, progress) -> ImportReport | PackageReport:
    content = Path(params["path"]).read_bytes()
    if params["kind"] == "package":
        return import_package(
            content=content,
            filename=params["filename"],
            team=team,
            dry_run=params["dry_run"],
            user=user,
            progress=progress,
        )
    return import_file(
        team=team,
        kind=ImportKind(params["kind"]),
        content=content,
        filename=params["filename"],
        dry_run=params["dry_run"],
        user=user,
        column_overrides={header: field or None for header, field in params["columns"].items()},
        value_overrides={
            ValueType(value_type): dict(pairs) for value_type, pairs in params["values"].items()
        },
        decisions=Decisions.from_data(params.get("decisions")),
        progress=progress,
    )


def report_to_data(report: ImportReport | PackageReport) -> dict:
    if isinstance(report, PackageReport):
        return {
            "package": True,
            "ok": report.ok,
            "written": report.written,
            "refused_rows": report.refused_rows,
            "lines": report.lines(),
        }
    return dataclasses.asdict(report)


def report_from_data(data: dict) -> ImportReport | dict:
    """An ImportReport again (the review page uses its fields), or a package's summary."""
    if data.get("package"):
        return data
    fields = dict(data)
    fields["kind"] = ImportKind(fields["kind"])
    fields["errors"] = [RowError(**error) for error in fields["errors"]]
    fields["unknown_values"] = [tuple(item) for item in fields["unknown_values"]]
    fields["interpretations"] = [Interpretation(**item) for item in fields.get("interpretations", [])]
    fields["changes"] = [Change(**item) for item in fields.get("changes", [])]
    fields["duplicates"] = [
        PossibleDuplicate(
            **{**item, "candidates": [Candidate(**candidate) for candidate in item["candidates"]]}
        )
        for item in fields.get("duplicates", [])
    ]
    return ImportReport(**fields)
