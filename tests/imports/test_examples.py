"""The example files of docs/import-format.md import into the demo team as the page says."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from carnet.imports.columns import ImportKind
from carnet.imports.services import import_file
from carnet.organisations.models import Team

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
# In order: the later files name the youths of the first one.
FILES = [
    ("jeunes.csv", ImportKind.YOUTHS),
    ("jeunes.xlsx", ImportKind.YOUTHS),
    ("situations.csv", ImportKind.SITUATIONS),
    ("accompagnements.csv", ImportKind.ACCOMPANIMENTS),
    ("interventions.csv", ImportKind.INTERVENTIONS),
    ("actions-collectives.csv", ImportKind.ACTIONS),
    ("presences-sociales.csv", ImportKind.PRESENCES),
    ("reunions-partenariales.csv", ImportKind.MEETINGS),
]


@pytest.fixture
def demo_team(db):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    return Team.objects.get(communes__name="Montigny-en-Gohelle")


def test_every_example_file_imports_without_a_refused_row(demo_team):
    for name, kind in FILES:
        report = import_file(
            team=demo_team,
            kind=kind,
            content=(EXAMPLES / name).read_bytes(),
            filename=name,
            dry_run=False,
        )
        assert report.ok and report.written, "\n".join(report.lines())
        assert report.created + report.updated + report.unchanged == report.rows, name
