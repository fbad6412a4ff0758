"""The task worker that keeps going, and what the pages can tell of it.

django-tasks' database worker leaves its loop, and the process, on the first « database is
locked » (SQLite, a write held longer than the busy timeout): queued imports and the retention
then stop silently. This worker pauses and goes on instead, whatever error its loop meets.

Each worker also writes a heartbeat, ``VAR_DIR/workers/<id>.json``, every few seconds from a
thread of its own, so that it keeps beating while a long task runs. A task left RUNNING under a
worker whose heartbeat stopped (killed, machine restarted) is an orphan: it is marked failed by
the next worker when it starts, or by the page that follows it, and can be run again.
"""

import hashlib
import json
import logging
import os
import socket
import threading
import time
import uuid
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db import close_old_connections
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

BEAT_SECONDS = 5
# A heartbeat older than this is a dead worker's (or, on another machine, an unreachable one's).
STALE_SECONDS = 30
RETRY_SECONDS = 2

TaskState = Literal["waiting", "running", "stalled", "orphaned", "ended", "unknown"]


class WorkerDied(Exception):
    """The failure recorded for a task whose worker stopped while running it."""


def heartbeat_directory() -> Path:
    path = Path(settings.VAR_DIR) / "workers"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _heartbeat_path(worker_id: str) -> Path:
    # Worker ids are free text (--worker-id): the file is named after their digest.
    return heartbeat_directory() / f"{hashlib.sha256(worker_id.encode()).hexdigest()[:32]}.json"


def beat(worker_id: str) -> None:
    path = _heartbeat_path(worker_id)
    partial = path.with_suffix(".tmp")
    data = {"worker": worker_id, "pid": os.getpid(), "host": socket.gethostname(), "at": time.time()}
    partial.write_text(json.dumps(data), encoding="utf-8")
    os.replace(partial, path)


def live_workers() -> set[str]:
    """Ids of the workers whose heartbeat is recent and, on this machine, whose process exists."""
    alive, now, host = set(), time.time(), socket.gethostname()
    for path in heartbeat_directory().glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if now - data["at"] > STALE_SECONDS:
            continue
        if data["host"] == host and not _process_exists(data["pid"]):
            continue  # killed a moment ago: no need to wait for the heartbeat to go stale
        alive.add(data["worker"])
    return alive


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_orphan(result: DBTaskResult, alive: set[str]) -> bool:
    return result.status == TaskResultStatus.RUNNING and (
        not result.worker_ids or result.worker_ids[-1] not in alive
    )


def fail_orphaned_tasks(*, alive: set[str] | None = None) -> int:
    """Mark failed every task RUNNING under a worker that is no longer alive; how many."""
    alive = live_workers() if alive is None else alive
    orphans = [
        result
        for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        if _is_orphan(result, alive)
    ]
    for result in orphans:
        logger.warning("Task %s (%s) lost its worker: marked failed", result.pk, result.task_path)
        result.set_failed(WorkerDied("The task worker stopped while running this task."))
    return len(orphans)


def task_state(task_id: str) -> TaskState:
    """Where a queued task stands, for a page following it.

    « stalled »: waiting while no worker is alive to run it; « orphaned »: it was running and its
    worker is gone (it is marked failed here); « ended »: it ended without its page knowing, its
    worker having been killed before it could say so.
    """
    result = DBTaskResult.objects.filter(pk=task_id).first() if _is_uuid(task_id) else None
    if result is None:
        return "unknown"
    if result.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
        return "ended"
    alive = live_workers()
    if _is_orphan(result, alive):
        fail_orphaned_tasks(alive=alive)
        return "orphaned"
    if result.status == TaskResultStatus.RUNNING:
        return "running"
    return "waiting" if alive else "stalled"


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class ResilientWorker(Worker):
    """django-tasks' database worker, with a heartbeat, and a loop that survives its errors."""

    def run(self) -> None:
        stop = threading.Event()
        heart = threading.Thread(target=self._beat, args=(stop,), name="heartbeat", daemon=True)
        heart.start()
        interrupted = False
        try:
            while True:
                try:
                    alive = live_workers()
                    if interrupted:
                        # A task whose end could not be recorded is not running any more.
                        alive.discard(self.worker_id)
                    fail_orphaned_tasks(alive=alive)
                    return super().run()
                except Exception:
                    # Mostly « database is locked »: another writer held SQLite longer than the
                    # busy timeout. Waiting is enough; leaving would stop every queued task.
                    logger.exception("Task worker: loop interrupted, going on in %s s", RETRY_SECONDS)
                    interrupted = True
                    close_old_connections()  # a broken connection is replaced; none in a transaction
                    time.sleep(RETRY_SECONDS)
        finally:
            stop.set()
            heart.join()
            _heartbeat_path(self.worker_id).unlink(missing_ok=True)

    def _beat(self, stop: threading.Event) -> None:
        while True:
            try:
                beat(self.worker_id)
            except OSError:
                logger.exception("Task worker: heartbeat not written")
            if stop.wait(BEAT_SECONDS):
                return
