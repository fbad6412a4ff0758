"""The retention rule as a daily background task (django-tasks, database backend).

``run_retention`` applies the rule, then queues its own next run for the next
day; ``manage.py schedule_retention`` makes sure one run is waiting.
"""

import datetime

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from carnet.access.console import as_system
from carnet.imports.jobs import remove_abandoned

from .services import apply_retention

INTERVAL = datetime.timedelta(days=1)


@task()
def run_retention() -> dict:
    with as_system():
        plan = apply_retention()
    # Uploads whose import was abandoned hold youths' names too: kept a day at most.
    remove_abandoned()
    # This run is RUNNING, no longer waiting: the next one is queued unless one already waits.
    schedule_next(after=timezone.now() + INTERVAL)
    return {"archivees": plan.to_archive, "anonymisees": plan.to_anonymise}


def task_path() -> str:
    return run_retention.module_path


def pending() -> "DBTaskResult | None":
    """A run of ``run_retention`` waiting to be picked up (queued, not started)."""
    return (
        DBTaskResult.objects.filter(task_path=task_path(), status=TaskResultStatus.READY)
        .order_by("run_after")
        .first()
    )


def schedule_next(*, after: datetime.datetime | None = None):
    """Queue the next run (at ``after``, else now) unless one is waiting already."""
    if pending() is not None:
        return None
    if after is None:
        return run_retention.enqueue()
    return run_retention.using(run_after=after).enqueue()
