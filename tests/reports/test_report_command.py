"""The report command writes a team's, a commune's or a whole organisation's report."""

import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.factories import CommuneFactory, OrganisationFactory, TeamFactory, YouthFactory

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_report_of_every_team_of_an_organisation(tmp_path, capsys):
    organisation = OrganisationFactory(name="Association du Pas-de-Calais")
    for name in ("Équipe A", "Équipe B"):
        commune = CommuneFactory(team=TeamFactory(organisation=organisation, name=name))
        YouthFactory(team=commune.team, commune=commune)
    path = tmp_path / "bilan.xlsx"
    call_command(
        "report",
        "--organisation=Association du Pas-de-Calais",
        "--from=2023-01-01",
        "--to=2023-12-31",
        "--format=xlsx",
        f"--output={path}",
    )
    assert "toutes les équipes, du 1er janvier 2023 au 31 décembre 2023" in capsys.readouterr().out
    rows = openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)
    summary = {row[0]: row[1] for row in rows if row and isinstance(row[0], str)}
    assert any(label.startswith("Jeunes") and value == 2 for label, value in summary.items()), summary


def test_a_commune_goes_only_with_a_team(tmp_path):
    organisation = OrganisationFactory(name="Association")
    with pytest.raises(CommandError, match="--commune ne va qu'avec --team"):
        call_command(
            "report",
            "--organisation=Association",
            "--commune=Lens",
            "--from=2023-01-01",
            "--to=2023-12-31",
            f"--output={tmp_path / 'b.pdf'}",
        )
    assert organisation.pk


def test_the_command_writes_the_figures_as_versioned_json(tmp_path):
    team = TeamFactory(name="EMPS Lens")
    commune = CommuneFactory(team=team)
    YouthFactory(team=team, commune=commune)
    path = tmp_path / "bilan.json"
    call_command(
        "report",
        "--team=EMPS Lens",
        "--from=2023-01-01",
        "--to=2023-12-31",
        "--format=json",
        f"--output={path}",
    )
    data = json.loads(path.read_text())
    assert data["schema"] == "carnet-bilan/1.0"
    assert data["team"] == "EMPS Lens"
    figures = {figure["key"]: figure["value"] for figure in data["key_figures"]}
    assert figures["youths"] == 1


def test_the_command_lists_the_models_and_lays_a_report_out_with_one(tmp_path, capsys):
    team = TeamFactory(name="EMPS Lens")
    YouthFactory(team=team, commune=CommuneFactory(team=team))
    call_command("report", "--list-models")
    listing = capsys.readouterr().out
    assert "anct\tBilan ANCT — modèle de l'EMPS de Montigny-en-Gohelle (Carnet)" in listing
    assert "departement\t" in listing and "commune\t" in listing
    path = tmp_path / "note.json"
    call_command(
        "report",
        "--team=EMPS Lens",
        "--from=2023-01-01",
        "--to=2023-12-31",
        "--model=commune",
        "--format=json",
        f"--output={path}",
    )
    data = json.loads(path.read_text())
    assert data["model"] == "Note à la commune"
    assert data["sections"][0]["title"] == "Faits marquants à EMPS Lens"


def test_an_unknown_model_is_refused_with_the_known_ones(tmp_path):
    TeamFactory(name="EMPS Lens")
    with pytest.raises(CommandError, match=r"Modèle de bilan « caf » introuvable\. Modèles : carnet, anct"):
        call_command(
            "report",
            "--team=EMPS Lens",
            "--from=2023-01-01",
            "--to=2023-12-31",
            "--model=caf",
            f"-o={tmp_path}/x",
        )
