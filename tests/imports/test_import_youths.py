import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from carnet.access.models import AuditEvent
from carnet.imports.columns import ImportKind
from carnet.imports.review import Decisions
from carnet.imports.services import import_file
from carnet.youths.models import Youth

from .conftest import csv_bytes, xlsx_bytes

HEADER = ["N°", "Prénom", "Sexe", "Né(e) le", "Commune", "Quartier", "Origine", "", ""]


def rows(count: int) -> list[list[str]]:
    return [
        [
            f"J{n}",
            f"Jeune{n}",
            "Fille" if n % 2 else "Garçon",
            "03/04/2008",
            "Montigny-en-Gohelle",
            "Cité 10",
            "Présence sociale",
            "",
            "",
        ]
        for n in range(1, count + 1)
    ]


def run(team, content, *, dry_run=False, filename="jeunes.csv", decisions=None):
    return import_file(
        team=team,
        kind=ImportKind.YOUTHS,
        content=content,
        filename=filename,
        dry_run=dry_run,
        decisions=decisions,
    )


def test_a_windows_1252_file_creates_the_youths_with_their_referentials(team, montigny):
    report = run(team, csv_bytes([HEADER, *rows(3), [""] * 9]))
    assert report.ok and report.created == 3
    youth = Youth.objects.get(external_id="J1")
    assert (youth.first_name, youth.sex, youth.birth_date, youth.birth_year) == (
        "Jeune1",
        "F",
        datetime.date(2008, 4, 3),
        2008,
    )
    assert youth.commune == montigny and youth.quartier.name == "Cité 10"
    assert youth.origin.code == "presence-sociale"
    assert AuditEvent.objects.filter(target_label="Import jeunes : jeunes.csv").count() == 1


def test_five_bad_rows_among_a_thousand_are_all_reported_with_their_row_numbers_and_nothing_is_written(
    team, montigny
):
    data = rows(1000)
    data[9][3] = "31/02/2008"  # row 11
    data[99][2] = "Peut-être"  # row 101
    data[499][4] = "Paris"  # row 501
    data[699][1] = ""  # row 701: no name
    data[998][0] = "J1"  # row 1000: same youth as row 2
    report = run(team, csv_bytes([HEADER, *data]))
    assert [(error.row, error.column) for error in report.errors] == [
        (11, "Né(e) le"),
        (101, "Sexe"),
        (501, "Commune"),
        (701, "Prénom"),
        (1000, ""),
    ]
    assert report.refused_rows == 5
    assert ("Commune", "Paris", 1) in report.unknown_values
    assert "ligne 1000 — même jeune que la ligne 2 (ligne en double)" in "\n".join(report.lines())
    assert not Youth.objects.exists()


def test_importing_the_same_file_again_creates_no_duplicate(team, montigny):
    content = csv_bytes([HEADER, *rows(20)])
    run(team, content)
    report = run(team, content)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 20)
    assert Youth.objects.count() == 20


def test_without_identifier_a_youth_is_found_again_by_name_birth_year_and_commune(team, montigny):
    header = ["Prénom", "Année de naissance", "Commune", "Sexe"]
    run(team, csv_bytes([header, ["Inès", "2008", "Montigny-en-Gohelle", "F"]]))
    report = run(
        team, csv_bytes([header, ["INES", "2008", "montigny en gohelle", "F"], ["Inès", "2009", "", "F"]])
    )
    assert report.created == 1
    assert Youth.objects.count() == 2


def test_a_changed_value_is_listed_and_applied_only_once_accepted(team, montigny):
    run(team, csv_bytes([HEADER, *rows(2)]))
    changed = rows(2)
    changed[0][6] = "Partenaire"
    report = run(team, csv_bytes([HEADER, *changed]))
    assert (report.updated, report.unchanged) == (0, 2)
    assert [str(change) for change in report.changes] == [
        f"Jeune1 (n° {Youth.objects.get(external_id='J1').pk}) : origine de la rencontre "
        "Présence sociale → Partenaire"
    ]
    assert Youth.objects.get(external_id="J1").origin.code == "presence-sociale"

    report = run(team, csv_bytes([HEADER, *changed]), decisions=Decisions(accept_all=True))
    assert (report.updated, report.unchanged) == (1, 1)
    assert Youth.objects.get(external_id="J1").origin.code == "partenaire"


def test_a_dry_run_writes_nothing_and_reports_what_would_be_created(team, montigny):
    report = run(team, csv_bytes([HEADER, *rows(5)]), dry_run=True)
    assert report.created == 5 and not report.written
    assert "seraient créée(s)" in report.lines()[1]
    assert not Youth.objects.exists()
    assert not AuditEvent.objects.filter(target_label__startswith="Import").exists()


def test_an_xlsx_with_merged_headers_and_serial_dates_is_imported(team, montigny):
    content = xlsx_bytes(
        [
            ["Suivi des jeunes", None, None, None],
            ["Identité", None, "Naissance", "Commune"],
            ["ID", "Pseudo", "Date de naissance", None],
            ["X1", "Kiki", 39541, "Montigny-en-Gohelle"],
            [None, None, None, None],
            ["X2", "Lulu", datetime.datetime(2009, 1, 2), "Montigny-en-Gohelle"],
        ],
        merges=("A1:D1", "A2:B2", "D2:D3"),
    )
    report = run(team, content, filename="jeunes.xlsx")
    assert report.ok, report.lines()
    assert Youth.objects.get(external_id="X1").birth_date == datetime.date(2008, 4, 3)
    assert Youth.objects.get(nickname="Lulu").commune == montigny


def test_the_command_prints_a_french_report_and_fails_when_rows_are_refused(team, montigny, tmp_path, capsys):
    path = tmp_path / "jeunes.csv"
    data = rows(3)
    data[1][2] = "Z"
    path.write_bytes(csv_bytes([HEADER, *data]))
    with pytest.raises(CommandError, match="1 ligne"):
        call_command("import", str(path), kind="youths", team=team.name, dry_run=True)
    out = capsys.readouterr()
    assert "ligne 3, colonne « Sexe » : « Z » — sexe inconnu" in out.out
    assert "[" in out.err  # the progress bar


def test_the_mapping_file_maps_unknown_values_and_columns(team, montigny, tmp_path, capsys):
    path = tmp_path / "jeunes.csv"
    path.write_bytes(csv_bytes([["Réf", "Petit nom", "Sexe"], ["R1", "Kiki", "Z"]]))
    mapping = tmp_path / "correspondance.json"
    mapping.write_text(
        json.dumps(
            {"colonnes": {"Réf": "Identifiant", "Petit nom": "Surnom"}, "valeurs": {"Sexe": {"Z": "H"}}}
        )
    )
    call_command("import", str(path), kind="youths", team=team.name, mapping=str(mapping), no_progress=True)
    assert Youth.objects.get(external_id="R1").sex == "H"
