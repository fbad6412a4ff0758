"""An installation of its own for tests that run Carnet's processes (worker, commands) side by
side, as a server runs them: a SQLite file in a folder, reached through CARNET_VAR_DIR."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def environment(var_dir: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return env | {"CARNET_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "carnet.settings"}


def run(var_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """``python ARGS`` in the project's folder, against the installation."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environment(var_dir),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def start(var_dir: Path, *args: str, log: str) -> subprocess.Popen:
    """``python ARGS`` started, its output appended to ``var_dir/log`` (a pipe nobody reads
    would fill up and stop it)."""
    with (var_dir / log).open("a") as output:
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=settings.BASE_DIR,
            env=environment(var_dir),
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def migrated(var_dir: Path) -> Path:
    done = run(var_dir, "manage.py", "migrate", "--noinput", "-v", "0")
    assert done.returncode == 0, done.stderr
    return var_dir
