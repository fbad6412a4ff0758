"""What an import reads other than literally is listed; « X » in Sexe waits for the user's word;
a year alone in the birth-date column is a birth year; every error of a row is reported."""

import json

from django.core.management import call_command

from carnet.activity.models import Intervention
from carnet.imports.columns import ImportKind, ValueType
from carnet.imports.services import import_file
from carnet.organisations.models import Partner
from carnet.youths.models import Youth
from tests import factories

from .conftest import csv_bytes, xlsx_bytes


def run(team, kind, rows, *, dry_run=False, values=None, filename="f.csv", content=None):
    return import_file(
        team=team,
        kind=kind,
        content=content or csv_bytes(rows),
        filename=filename,
        dry_run=dry_run,
        value_overrides=values,
    )


def listed(report) -> list[str]:
    return [str(item) for item in report.interpretations]


def test_x_in_sexe_is_listed_as_non_binary_to_confirm_and_applied_only_once_confirmed(team, montigny):
    rows = [["N°", "Prénom", "Sexe"], ["J1", "Kim", "X"], ["J2", "Inès", "F"]]
    report = run(team, ImportKind.YOUTHS, rows)
    assert listed(report) == ["colonne « Sexe » : « X » → Non binaire : 1 ligne(s) — à confirmer"]
    assert [str(error) for error in report.errors] == [
        "ligne 2, colonne « Sexe » : « X » — « X » se lirait Non binaire : à confirmer dans la "
        "correspondance des valeurs"
    ]
    assert not Youth.objects.exists()

    report = run(team, ImportKind.YOUTHS, rows, values={ValueType.SEX: {"X": "Non binaire"}})
    assert report.written and listed(report) == []
    assert Youth.objects.get(external_id="J1").sex == "NB"


def test_values_read_through_a_variant_are_listed_with_their_number_of_rows(team, montigny):
    rows = [
        ["N°", "Prénom", "Sexe", "Origine", "Commune"],
        ["J1", "Inès", "Fille", "Presence sociale", "62587"],
        ["J2", "Yanis", "H", "Présence sociale", "Montigny-en-Gohelle"],
        ["J3", "Lina", "Fille", "presence sociale", "Montigny-en-Gohelle"],
    ]
    report = run(team, ImportKind.YOUTHS, rows, dry_run=True)
    assert listed(report) == [
        "colonne « Origine » : « Presence sociale » → Présence sociale : 1 ligne(s)",
        "colonne « Origine » : « presence sociale » → Présence sociale : 1 ligne(s)",
        "colonne « Sexe » : « Fille » → Femme : 2 ligne(s)",
    ]
    assert "Valeurs lues autrement que telles quelles" in "\n".join(report.lines())


def test_a_year_alone_in_the_birth_date_column_is_a_birth_year(team, montigny):
    header = ["N°", "Prénom", "Né(e) le"]
    rows = [header, ["J1", "Inès", "2005"], ["J2", "Yanis", "2007"], ["J3", "Lina", "12/03/2006"]]
    report = run(team, ImportKind.YOUTHS, rows)
    assert report.written, report.lines()
    youth = Youth.objects.get(external_id="J1")
    assert (youth.birth_year, youth.birth_date) == (2005, None)
    assert listed(report) == ["colonne « Né(e) le » : « 2005 », « 2007 » → année de naissance : 2 ligne(s)"]


def test_a_year_in_an_xlsx_birth_date_cell_is_a_birth_year(team, montigny):
    content = xlsx_bytes([["N°", "Prénom", "Date de naissance"], ["J1", "Inès", 2005]])
    report = run(team, ImportKind.YOUTHS, [], content=content, filename="jeunes.xlsx")
    assert report.written and Youth.objects.get().birth_year == 2005


def test_a_row_with_three_errors_reports_all_three(team, montigny):
    rows = [["N°", "Prénom", "Sexe", "Né(e) le", "Commune"], ["J1", "", "Peut-être", "2005", "Paris"]]
    report = run(team, ImportKind.YOUTHS, rows, dry_run=True)
    assert [(error.row, error.column) for error in report.errors] == [
        (2, "Commune"),
        (2, "Prénom"),
        (2, "Sexe"),
    ]
    assert report.refused_rows == 1


def test_domains_separated_by_bars_slashes_and_line_breaks_are_read(team, montigny):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    rows = [
        ["Identifiant du jeune", "Date", "Domaines"],
        ["J1", "15/06/2023", "Scolarité | Famille"],
        ["J1", "16/06/2023", "Santé / Bien être / Famille"],
        ["J1", "17/06/2023", "Scolarité\nMobilité"],
    ]
    content = csv_bytes(rows).replace(b"Scolarit\xe9\nMobilit\xe9", b'"Scolarit\xe9\nMobilit\xe9"')
    report = run(team, ImportKind.INTERVENTIONS, [], content=content)
    assert report.created == 3, report.lines()
    domains = {
        intervention.date.day: {domain.code for domain in intervention.domains.all()}
        for intervention in Intervention.objects.all()
    }
    assert domains == {15: {"scolarite", "famille"}, 16: {"sante", "famille"}, 17: {"scolarite", "mobilite"}}


def test_partners_whose_name_holds_a_separator_are_read_whole(team, montigny):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    Partner.objects.create(organisation=team.organisation, name="Collège Jean Macé, Hénin")
    Partner.objects.create(organisation=team.organisation, name="Mission locale")
    rows = [
        ["Identifiant du jeune", "Date", "Domaines", "Partenaires"],
        ["J1", "15/06/2023", "Scolarité", "Collège Jean Macé, Hénin | Mission locale"],
    ]
    report = run(team, ImportKind.INTERVENTIONS, rows)
    assert report.created == 1, report.lines()
    names = set(Intervention.objects.get().partners.values_list("name", flat=True))
    assert names == {"Collège Jean Macé, Hénin", "Mission locale"}


def test_the_mapping_file_confirms_a_reading_for_the_command(team, montigny, tmp_path):
    path = tmp_path / "jeunes.csv"
    path.write_bytes(csv_bytes([["N°", "Prénom", "Sexe"], ["J1", "Kim", "autre"]]))
    mapping = tmp_path / "correspondance.json"
    mapping.write_text(json.dumps({"valeurs": {"Sexe": {"autre": "NB"}}}))
    call_command("import", str(path), kind="youths", team=team.name, mapping=str(mapping), no_progress=True)
    assert Youth.objects.get().sex == "NB"
