"""Run in a process of its own against an installation's SQLite file, as the import page would:
queue an import for the task worker, queue it again, tell where it stands.

    python -m tests.operations.worker_jobs queue ROWS | rerun TOKEN | state TOKEN
"""

import json
import os
import sys
import uuid


def queue(rows: str) -> str:
    from carnet.imports import jobs
    from carnet.organisations.models import Team
    from tests import factories
    from tests.imports.conftest import csv_bytes

    team = Team.objects.first() or factories.TeamFactory(name="Équipe des faubourgs")
    if not team.communes.exists():
        factories.CommuneFactory(team=team, name="Montigny-en-Gohelle")
    header = ["N°", "Prénom", "Sexe", "Né(e) le", "Commune"]
    lines = [[f"J{n}", f"Prénom{n}", "F", "03/04/2008", "Montigny-en-Gohelle"] for n in range(int(rows))]
    token = uuid.uuid4().hex
    path = jobs.directory() / token
    path.write_bytes(csv_bytes([header, *lines]))
    params = {
        "path": str(path),
        "filename": "jeunes.csv",
        "kind": "youths",
        "team": team.pk,
        "user": None,
        "columns": {},
        "values": {},
        "additions": {},
        "decisions": None,
        "rows": int(rows),
        "dry_run": False,
    }
    jobs.start(token=token, params=params, rows=int(rows))
    return token


def rerun(token: str) -> str:
    """What the page's « Importer » does again after a failure: the same job, queued anew."""
    from carnet.imports import jobs

    params = json.loads((jobs.directory() / f"{token}.job.json").read_text(encoding="utf-8"))
    jobs.start(token=token, params=params, rows=params["rows"])
    return token


def state(token: str) -> dict:
    from django_tasks_db.models import DBTaskResult

    from carnet.imports import jobs
    from carnet.youths.models import Youth

    return {
        "progress": jobs.progress(token),
        "youths": Youth.objects.count(),
        "tasks": list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True)),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")
    import django

    django.setup()
    command, argument = sys.argv[1:3]
    print(json.dumps({"queue": queue, "rerun": rerun, "state": state}[command](argument)))
