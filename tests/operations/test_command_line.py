"""bin/carnet backup and bin/carnet restore, run as an operator would, on SQLite files of their own."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings

CARNET = Path(settings.BASE_DIR) / "bin" / "carnet"


def carnet(var_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["CARNET_VAR_DIR"] = str(var_dir)
    return subprocess.run(
        [str(CARNET), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def every_row(database: Path) -> dict[str, list]:
    with sqlite3.connect(database) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(map(repr, db.execute(f'SELECT * FROM "{table}"'))) for table in tables}


def test_backup_then_restore_into_a_fresh_installation_from_the_command_line(tmp_path):
    first, second = tmp_path / "premiere", tmp_path / "seconde"
    first.mkdir()
    second.mkdir()
    assert carnet(first, "migrate", "--noinput", "-v", "0").returncode == 0
    # A freshly migrated database, copied rather than migrated twice: it is the same.
    shutil.copy(first / "carnet.sqlite3", second / "carnet.sqlite3")
    assert carnet(first, "load_demo").returncode == 0
    backup_file = tmp_path / "sauvegarde.zip"

    made = carnet(first, "backup", "-o", str(backup_file))
    without_key = carnet(second, "restore", str(backup_file))
    # The key that signed the backup is not in it: the operator brings it along.
    shutil.copy(first / "backup_key", second / "backup_key")
    restored = carnet(second, "restore", str(backup_file))
    again = carnet(second, "restore", str(backup_file))

    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Sauvegarde écrite dans {backup_file}")
    assert "Sauvegardé : youths.youth" in made.stderr  # progress, on stderr
    assert without_key.returncode == 1
    assert "Aucune clé de sauvegarde sur cette installation" in without_key.stderr
    assert restored.returncode == 0, restored.stderr
    assert "(base SQLite) restaurée" in restored.stdout
    assert "  - jeunes : " in restored.stdout
    assert every_row(second / "carnet.sqlite3") == every_row(first / "carnet.sqlite3")
    assert again.returncode == 1
    assert "La base de données n'est pas vide" in again.stderr
