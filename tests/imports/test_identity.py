"""Identity matching of youths without identifier: two people are never merged on a guess."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from carnet.imports.columns import ImportKind
from carnet.imports.review import NEW, SKIP, Decisions
from carnet.imports.services import import_file
from carnet.youths.models import Youth
from tests import factories

from .conftest import csv_bytes

HEADER = ["Prénom", "Sexe", "Date de naissance", "Commune", "Quartier"]
CELIA_AUGUST = ["Célia", "F", "28/08/2009", "Lens", "Grande Résidence"]
CELIA_FEBRUARY = ["Célia", "F", "25/02/2009", "Lens", "Cité 12"]


@pytest.fixture
def lens(team):
    commune = factories.CommuneFactory(team=team, name="Lens", insee_code="62498")
    factories.QuartierFactory(commune=commune, name="Grande Résidence")
    factories.QuartierFactory(commune=commune, name="Cité 12")
    return commune


def run(team, rows, *, dry_run=False, decisions=None):
    return import_file(
        team=team,
        kind=ImportKind.YOUTHS,
        content=csv_bytes([HEADER, *rows]),
        filename="jeunes.csv",
        dry_run=dry_run,
        decisions=decisions,
    )


def test_two_celias_of_one_file_born_on_other_days_are_two_youths(team, lens):
    report = run(team, [CELIA_AUGUST, CELIA_FEBRUARY])
    assert report.ok and report.created == 2, report.lines()
    assert sorted(Youth.objects.values_list("birth_date", flat=True)) == [
        datetime.date(2009, 2, 25),
        datetime.date(2009, 8, 28),
    ]


def test_the_second_celia_of_a_later_file_is_a_possible_duplicate_never_an_update(team, lens):
    run(team, [CELIA_AUGUST])
    first = Youth.objects.get()

    report = run(team, [CELIA_FEBRUARY])
    assert not report.ok and not report.written
    assert (report.created, report.updated) == (0, 0)
    (duplicate,) = report.duplicates
    assert duplicate.row == 2 and [candidate.id for candidate in duplicate.candidates] == [first.pk]
    assert duplicate.identity["Naissance"] == "25/02/2009"
    assert duplicate.candidates[0].identity["Naissance"] == "28/08/2009"
    assert duplicate.differences == ["date de naissance"]
    assert "doublon(s) possible(s)" in "\n".join(report.lines())
    first.refresh_from_db()
    assert (first.birth_date, first.quartier.name) == (datetime.date(2009, 8, 28), "Grande Résidence")


def test_a_possible_duplicate_answered_another_youth_creates_the_second_celia(team, lens):
    run(team, [CELIA_AUGUST])
    report = run(team, [CELIA_FEBRUARY], decisions=Decisions(duplicates={2: NEW}))
    assert report.written and report.created == 1
    assert Youth.objects.count() == 2


def test_a_possible_duplicate_answered_skip_leaves_the_row_out(team, lens):
    run(team, [CELIA_AUGUST])
    report = run(
        team,
        [CELIA_FEBRUARY, ["Inès", "F", "03/04/2008", "Lens", ""]],
        decisions=Decisions(duplicates={2: SKIP}),
    )
    assert report.written and (report.created, report.skipped) == (1, 1)
    assert set(Youth.objects.values_list("first_name", flat=True)) == {"Célia", "Inès"}


def test_a_possible_duplicate_answered_same_youth_offers_its_changes_for_consent(team, lens):
    run(team, [CELIA_AUGUST])
    first = Youth.objects.get()
    report = run(team, [CELIA_FEBRUARY], decisions=Decisions(duplicates={2: str(first.pk)}))
    assert report.written and (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert [str(change) for change in report.changes] == [
        f"Célia (n° {first.pk}) : date de naissance 28/08/2009 → 25/02/2009",
        f"Célia (n° {first.pk}) : quartier Grande Résidence → Cité 12",
    ]
    first.refresh_from_db()
    assert first.birth_date == datetime.date(2009, 8, 28)


def test_a_row_agreeing_on_every_field_given_is_the_recorded_youth_whose_empty_fields_it_fills(team, lens):
    youth = factories.YouthFactory(team=team, commune=lens, first_name="Célia", sex="F", birth_year=2009)
    report = run(team, [CELIA_AUGUST])
    assert (report.created, report.updated, report.changes) == (0, 1, [])
    youth.refresh_from_db()
    assert youth.birth_date == datetime.date(2009, 8, 28) and youth.quartier.name == "Grande Résidence"


def test_another_sex_is_a_possible_duplicate_and_another_birth_year_another_youth(team, lens):
    factories.YouthFactory(team=team, commune=lens, first_name="Sam", sex="H", birth_year=2008)
    report = run(team, [["Sam", "F", "2008", "Lens", ""], ["Sam", "H", "2011", "Lens", ""]], dry_run=True)
    assert [duplicate.row for duplicate in report.duplicates] == [2]
    assert report.duplicates[0].differences == ["sexe"]
    assert report.created == 1


def test_a_row_matching_two_recorded_youths_is_never_given_to_one_of_them(team, lens):
    for day in (3, 4):
        factories.YouthFactory(
            team=team,
            commune=lens,
            first_name="Célia",
            sex="F",
            birth_date=datetime.date(2009, 8, day),
            birth_year=2009,
        )
    report = run(team, [["Célia", "F", "2009", "Lens", ""]], dry_run=True)
    (duplicate,) = report.duplicates
    assert len(duplicate.candidates) == 2 and duplicate.differences == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 0)


def test_a_row_with_an_unknown_identifier_finds_the_same_youth_recorded_without_one(team, lens):
    youth = factories.YouthFactory(team=team, commune=lens, first_name="Célia", sex="F", birth_year=2009)
    report = import_file(
        team=team,
        kind=ImportKind.YOUTHS,
        content=csv_bytes([["N°", *HEADER], ["C12", *CELIA_AUGUST]]),
        filename="jeunes.csv",
        dry_run=False,
    )
    assert (report.created, report.updated) == (0, 1)
    youth.refresh_from_db()
    assert youth.external_id == "C12"


def test_the_command_takes_the_answers_from_a_decisions_file_or_a_flag(team, lens, tmp_path, capsys):
    run(team, [CELIA_AUGUST])
    path = tmp_path / "jeunes.csv"
    path.write_bytes(csv_bytes([HEADER, CELIA_FEBRUARY]))
    with pytest.raises(CommandError, match="1 doublon"):
        call_command("import", str(path), kind="youths", team=team.name, no_progress=True)
    assert "ligne 2 (prénom Célia" in capsys.readouterr().out

    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps({"doublons": {"2": "nouveau"}}))
    call_command(
        "import", str(path), kind="youths", team=team.name, decisions=str(decisions), no_progress=True
    )
    assert Youth.objects.count() == 2

    path.write_bytes(csv_bytes([HEADER, ["Célia", "F", "01/01/2009", "Lens", ""]]))
    call_command("import", str(path), kind="youths", team=team.name, duplicates="ignorer", no_progress=True)
    assert Youth.objects.count() == 2
