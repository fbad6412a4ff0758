"""Two imports of the same youths at the same time: one after the other, each youth once."""

import contextlib
import sqlite3
import threading

import pytest
from django.db import connection

from carnet.imports.columns import ImportKind
from carnet.imports.planners import PLANNERS
from carnet.imports.services import import_file
from carnet.youths.models import Youth
from tests import factories, installation

from .conftest import csv_bytes

HEADER = ["N°", "Prénom", "Sexe", "Né(e) le", "Commune"]


def youths_file(count: int, *, identifiers: bool = True) -> bytes:
    lines = [[f"J{n}", f"Prénom{n}", "F", "03/04/2008", "Montigny-en-Gohelle"] for n in range(count)]
    if not identifiers:
        return csv_bytes([HEADER[1:], *[line[1:] for line in lines]])
    return csv_bytes([HEADER, *lines])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("identifiers", [True, False])
def test_two_imports_of_the_same_youths_at_once_create_each_youth_once(monkeypatch, identifiers):
    if connection.vendor != "postgresql":
        pytest.skip("threads share no SQLite test database; the command-line test below covers SQLite")
    team = factories.TeamFactory()
    factories.CommuneFactory(team=team, name="Montigny-en-Gohelle")
    content = youths_file(300, identifiers=identifiers)
    # Each import waits, its plan made, for the other to have made its own: the race of the review.
    both_planned = threading.Barrier(2, timeout=3)
    plan = PLANNERS[ImportKind.YOUTHS].plan

    def plan_then_wait(planner, parsed):
        made = plan(planner, parsed)
        # Broken when the other import waits for this one's commit: the plans never overlap.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_planned.wait()
        return made

    monkeypatch.setattr(PLANNERS[ImportKind.YOUTHS], "plan", plan_then_wait)
    reports, failures = [], []

    def import_once():
        try:
            reports.append(
                import_file(
                    team=team, kind=ImportKind.YOUTHS, content=content, filename="jeunes.csv", dry_run=False
                )
            )
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=import_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sorted(report.created for report in reports) == [0, 300]
    assert sorted(report.unchanged for report in reports) == [0, 300]
    assert Youth.objects.filter(team=team).count() == 300


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    folder = installation.migrated(tmp_path_factory.mktemp("installation"))
    arranged = installation.run(
        folder,
        *("manage.py", "shell", "-c"),
        "from tests import factories; "
        "team = factories.TeamFactory(name='Équipe des faubourgs'); "
        "factories.CommuneFactory(team=team, name='Montigny-en-Gohelle')",
    )
    assert arranged.returncode == 0, arranged.stderr
    return folder


def test_two_import_commands_of_the_same_3000_youths_at_once_create_each_youth_once(var_dir):
    path = var_dir / "jeunes.csv"
    path.write_bytes(youths_file(3000))
    command = ("manage.py", "import", str(path), "--kind", "youths", "--team", "Équipe des faubourgs")

    imports = [installation.start(var_dir, *command, "--no-progress", log=f"import-{n}.log") for n in (1, 2)]
    codes = [process.wait(timeout=300) for process in imports]

    assert codes == [0, 0], [(var_dir / f"import-{n}.log").read_text() for n in (1, 2)]
    with sqlite3.connect(var_dir / "carnet.sqlite3") as database:
        assert database.execute("SELECT COUNT(*) FROM youths_youth").fetchone() == (3000,)
