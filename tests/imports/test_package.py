"""A whole export imported at once: all of it, or nothing."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from carnet.activity.models import Intervention
from carnet.imports.export import export_team
from carnet.imports.package import import_package
from carnet.youths.models import Youth
from tests import factories


def replace_in_zip(content: bytes, name: str, old: bytes, new: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.namelist():
            data = source.read(item)
            target.writestr(item, data.replace(old, new) if item == name else data)
    return buffer.getvalue()


@pytest.fixture
def exported(team, montigny):
    youth = factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    factories.InterventionFactory(youth=youth, domains=["scolarite"], note="Bulletin")
    content = export_team(team=team, user=None)
    other = factories.TeamFactory(organisation=team.organisation)
    factories.CommuneFactory(team=other, name=montigny.name)
    return content, other


def test_one_refused_row_in_a_later_file_leaves_nothing_written_not_even_the_youths(exported):
    content, other = exported
    broken = replace_in_zip(content, "interventions.csv", b"Scolarit\xc3\xa9", b"Astronomie")
    report = import_package(content=broken, filename="equipe.zip", team=other, dry_run=False)
    assert not report.ok and not report.written
    assert [str(error) for error in report.reports[-1].errors] == [
        "ligne 2, colonne « Domaines » : « Astronomie » — domaine inconnu : « Astronomie »"
    ]
    assert "Aucune donnée n'a été enregistrée" in report.lines()[-1]
    assert not Youth.objects.filter(team=other).exists()
    assert not Intervention.objects.filter(team=other).exists()


def test_a_dry_run_checks_the_records_of_youths_the_package_creates_and_writes_nothing(exported):
    content, other = exported
    report = import_package(content=content, filename="equipe.zip", team=other, dry_run=True)
    assert report.ok and not report.written
    assert [r.created for r in report.reports if r.rows] == [1, 1]
    assert not Youth.objects.filter(team=other).exists()


def test_the_commands_export_and_import_the_json_document(team, montigny, tmp_path, capsys):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    path = tmp_path / "equipe.json"
    call_command("export", team=team.name, output=str(path))
    other = factories.TeamFactory(organisation=team.organisation, name="Autre équipe")
    call_command("import", str(path), team="Autre équipe", no_progress=True)
    out = capsys.readouterr().out
    assert "Import — export complet — equipe.json — équipe Autre équipe" in out
    assert "Cadre de l'équipe, fiches qui ont été créées — communes : 1, quartiers : 1." in out
    assert Youth.objects.get(team=other).commune.name == montigny.name


def test_a_file_that_is_not_a_carnet_export_is_refused_in_french(team, tmp_path):
    path = tmp_path / "autre.json"
    path.write_text('{"jeunes": []}')
    with pytest.raises(CommandError, match="n'est pas un export de Carnet"):
        call_command("import", str(path), team=team.name, no_progress=True)
