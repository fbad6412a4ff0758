"""Export → import into an empty Carnet → the same report, figure for figure.

The demo association is exported as its JSON document and as its ZIP of CSV
files; the database is emptied; the JSON document is imported into the empty
Carnet (which recreates the organisation, the team and its frame), and the ZIP
into a new team of that organisation. Every table of the report over the seed's
period, for the whole team and for the seed's commune, must be the same.
"""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from carnet.imports.export import export_team, export_team_json
from carnet.imports.package import import_package
from carnet.imports.structure import ensure_structure
from carnet.organisations.models import Team
from carnet.reports.build import build_report
from carnet.reports.scope import ReportScope
from carnet.reports.serialize import report_to_data
from carnet.youths.models import PaeiGoal, Youth

EXPECTED = json.loads((Path(__file__).parents[1] / "fixtures" / "expected-tables.json").read_text())
START = datetime.date.fromisoformat(EXPECTED["period"]["start"])
END = datetime.date.fromisoformat(EXPECTED["period"]["end"])
COMMUNE = EXPECTED["team"]["communes"][0]


def figures(team: Team) -> dict:
    """The report's tables for the whole team and for the seed's commune, without the scope
    and record ids."""
    found = {}
    for commune in (None, team.communes.get(name=COMMUNE)):
        data = report_to_data(
            build_report(scope=ReportScope(team=team, commune=commune, start=START, end=END))
        )
        data.pop("scope")
        found[commune.name if commune else "équipe"] = without_record_ids(data)
    return found


def without_record_ids(value):
    """Record ids differ from one database to the other: they are not figures."""
    if isinstance(value, dict):
        return {
            key: without_record_ids(item)
            for key, item in value.items()
            if key != "id" and not key.endswith(("_id", "_ids"))
        }
    if isinstance(value, list):
        return [without_record_ids(item) for item in value]
    return value


@pytest.fixture(scope="module")
def round_trip(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        team = Team.objects.get(communes__name=COMMUNE)
        before = figures(team)
        document, archive = export_team_json(team=team, user=None), export_team(team=team, user=None)
        youths = Youth.objects.active().filter(team=team).count()
        goals = PaeiGoal.objects.filter(period__youth__team=team).count()
        call_command("flush", interactive=False, verbosity=0)

        from_json = import_package(content=document, filename="equipe.json", team=None, dry_run=False)
        copy = Team.objects.create(organisation=from_json.team.organisation, name="Copie par le ZIP")
        ensure_structure(document=json.loads(document), team=copy)
        from_zip = import_package(content=archive, filename="equipe.zip", team=copy, dry_run=False)
        yield {
            "before": before,
            "youths": youths,
            "goals": goals,
            "json": from_json,
            "zip": from_zip,
            "after_json": figures(from_json.team),
            "after_zip": figures(copy),
        }
        call_command("flush", interactive=False, verbosity=0)


def test_the_json_document_imports_into_an_empty_carnet_with_its_team(round_trip):
    report = round_trip["json"]
    assert report.ok and report.written, report.lines()
    assert report.created_frame["organisation"] == 1 and report.created_frame["équipe"] == 1
    assert report.reports[0].created == round_trip["youths"]


def test_the_report_is_the_same_after_the_json_round_trip(round_trip):
    found = differences(round_trip["after_json"], round_trip["before"])
    assert not found, "\n".join(found)


def test_the_report_is_the_same_after_the_zip_round_trip(round_trip):
    assert round_trip["zip"].ok and round_trip["zip"].written, round_trip["zip"].lines()
    found = differences(round_trip["after_zip"], round_trip["before"])
    assert not found, "\n".join(found)


def test_the_round_trip_covers_every_kind_of_record(round_trip):
    created = {report.kind.value: report.created for report in round_trip["zip"].reports}
    assert set(created) == {
        "youths",
        "situations",
        "accompaniments",
        "interventions",
        "actions",
        "presences",
        "meetings",
        "diagnostics",
    }
    assert all(created.values()), created
    attached = {report.kind.value: report.created for report in round_trip["zip"].attached_reports}
    assert attached["paei_goals"] == round_trip["goals"] > 0


def differences(left, right, path=""):
    """Where two plain data trees differ, as paths (for a readable failure)."""
    if isinstance(left, dict) and isinstance(right, dict):
        found = []
        for key in sorted(set(left) | set(right), key=str):
            found += differences(left.get(key), right.get(key), f"{path}/{key}")
        return found
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        found = []
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            found += differences(a, b, f"{path}[{index}]")
        return found
    return [] if left == right else [f"{path}: {left!r} != {right!r}"]
