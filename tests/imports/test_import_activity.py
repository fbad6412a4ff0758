import datetime
import io
import zipfile

from django.core.management import call_command

from carnet.activity.models import Intervention
from carnet.imports.columns import ImportKind
from carnet.imports.services import import_file
from carnet.youths.models import SituationChange
from tests import factories

from .conftest import csv_bytes


def run(team, kind, rows, **options):
    return import_file(
        team=team, kind=kind, content=csv_bytes(rows), filename="f.csv", dry_run=False, **options
    )


def test_situation_changes_are_imported_once_for_the_youths_named_by_identifier(team, montigny):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    rows = [
        ["ID jeune", "Date", "Situation"],
        ["J1", "01/09/2023", "Scolarisé(e)"],
        ["J1", "2024-01-15", "En emploi"],
    ]
    assert run(team, ImportKind.SITUATIONS, rows).created == 2
    assert run(team, ImportKind.SITUATIONS, rows).unchanged == 2
    assert SituationChange.objects.filter(youth__external_id="J1").count() == 2


def test_a_situation_for_an_unknown_youth_is_refused(team, montigny):
    report = run(
        team,
        ImportKind.SITUATIONS,
        [["Identifiant", "Depuis le", "Situation"], ["Z9", "01/09/2023", "Scolarisé"]],
    )
    assert [str(error) for error in report.errors] == [
        "ligne 2, colonne « Identifiant » : « Z9 » — aucun jeune de l'équipe n'a cet identifiant"
    ]
    assert not SituationChange.objects.exists()


def test_interventions_take_domains_separated_by_commas_or_semicolons(team, montigny):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    rows = [
        ["Identifiant du jeune", "Date", "Domaines", "Note"],
        ["J1", "15/06/2023", "Scolarité, Santé", "RDV CIO"],
        ["J1", "16/06/2023", "famille", ""],
    ]
    content = csv_bytes(rows, separator=",").replace(b"Scolarit\xe9, Sant\xe9", b'"Scolarit\xe9; Sant\xe9"')
    report = import_file(
        team=team, kind=ImportKind.INTERVENTIONS, content=content, filename="i.csv", dry_run=False
    )
    assert report.created == 2, report.lines()
    first = Intervention.objects.get(date=datetime.date(2023, 6, 15))
    assert {domain.code for domain in first.domains.all()} == {"scolarite", "sante"}
    again = import_file(
        team=team, kind=ImportKind.INTERVENTIONS, content=content, filename="i.csv", dry_run=False
    )
    assert again.unchanged == 2 and Intervention.objects.count() == 2


def test_the_export_imports_back_into_an_empty_team_with_the_same_records(team, montigny, tmp_path):
    youth = factories.YouthFactory(team=team, commune=montigny, sex="F", birth_year=2008)
    factories.SituationChangeFactory(youth=youth)
    factories.InterventionFactory(youth=youth, domains=["scolarite", "famille"], note="Point bulletin")
    path = tmp_path / "equipe.zip"
    call_command("export", team=team.name, output=str(path))
    archive = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    assert archive.read("jeunes.csv").startswith(b"\xef\xbb\xbfIdentifiant;Pr\xc3\xa9nom;")

    other = factories.TeamFactory(organisation=team.organisation)
    factories.CommuneFactory(team=other, name=montigny.name)
    for name, kind in (
        ("jeunes.csv", ImportKind.YOUTHS),
        ("situations.csv", ImportKind.SITUATIONS),
        ("interventions.csv", ImportKind.INTERVENTIONS),
    ):
        report = import_file(team=other, kind=kind, content=archive.read(name), filename=name, dry_run=False)
        assert report.ok and report.created == 1, report.lines()
    copy = other.youths.get()
    assert (copy.first_name, copy.sex, copy.birth_year, copy.commune.name) == (
        youth.first_name,
        "F",
        2008,
        montigny.name,
    )
    assert copy.situation_changes.get().situation.code == "scolarise"
    assert {d.code for d in copy.interventions.get().domains.all()} == {"scolarite", "famille"}
