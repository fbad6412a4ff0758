"""The task worker under faults, run as ``make run`` runs it, on an installation of its own
(SQLite file, processes of their own): killed during an import, held off by a write lock."""

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from carnet.imports.jobs import WORKER_STOPPED
from tests import installation

ROWS = 20_000


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory) -> Path:
    return installation.migrated(tmp_path_factory.mktemp("installation"))


def jobs(var_dir: Path, command: str, argument: str):
    done = installation.run(var_dir, "-m", "tests.operations.worker_jobs", command, argument)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def start_worker(var_dir: Path) -> subprocess.Popen:
    return installation.start(
        var_dir,
        *("manage.py", "worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"),
        log="worker.log",
    )


def progress(var_dir: Path, token: str) -> dict:
    path = var_dir / "media" / "imports" / f"{token}.progress.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {"status": "queued", "done": 0}


def wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.02)


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
    worker.wait(timeout=30)


def test_a_worker_killed_mid_import_leaves_it_failed_and_unwritten_and_the_rerun_imports_each_youth_once(
    var_dir,
):
    token = jobs(var_dir, "queue", str(ROWS))
    worker = start_worker(var_dir)
    try:
        # Past the checked rows, the import is writing, inside its transaction.
        wait_for(lambda: progress(var_dir, token)["done"] > ROWS, seconds=120, what="the write phase")
        assert progress(var_dir, token)["status"] == "running"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        stop(worker)

    after_kill = jobs(var_dir, "state", token)

    assert after_kill["progress"]["status"] == "failed"
    assert after_kill["progress"]["problem"] == WORKER_STOPPED
    assert after_kill["youths"] == 0
    assert after_kill["tasks"] == ["FAILED"]

    jobs(var_dir, "rerun", token)
    worker = start_worker(var_dir)
    try:
        wait_for(lambda: progress(var_dir, token)["status"] == "done", seconds=120, what="the rerun")
    finally:
        stop(worker)
    rerun = jobs(var_dir, "state", token)

    assert rerun["progress"]["report"]["created"] == ROWS
    assert rerun["youths"] == ROWS
    assert rerun["tasks"] == ["FAILED", "SUCCESSFUL"]


def test_the_worker_survives_a_ten_second_write_lock_and_runs_the_next_import(var_dir):
    worker = start_worker(var_dir)
    try:
        time.sleep(1)  # polling the queue
        database = sqlite3.connect(var_dir / "carnet.sqlite3", timeout=30, isolation_level=None)
        database.execute("BEGIN IMMEDIATE")
        database.execute("CREATE TABLE held_lock (id INTEGER)")
        time.sleep(10)  # twice the busy timeout: django-tasks' own worker exits here
        database.execute("ROLLBACK")
        database.close()
        assert worker.poll() is None

        token = jobs(var_dir, "queue", "20")
        wait_for(lambda: progress(var_dir, token)["status"] == "done", seconds=60, what="the next import")
        assert worker.poll() is None
    finally:
        stop(worker)
