"""A wrong value in the PAEI, action–need or agenda part of a whole export: refused with its
file, row, column and value, and nothing of the export written."""

import json

import pytest

from carnet.imports.export import export_team_json
from carnet.imports.package import import_package
from carnet.organisations.models import Organisation
from tests.imports.test_export_attached import kept  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(kept):  # noqa: F811
    """The team's JSON export, as another, empty organisation receives it."""
    data = json.loads(export_team_json(team=kept, user=None))
    data["organisation"]["nom"] = "Association d'accueil"
    return data


def _import(document: dict):
    return import_package(content=json.dumps(document).encode(), filename="e.json", team=None, dry_run=False)


def _first(document: dict, key: str, **match) -> dict:
    return next(item for item in document[key] if all(item[name] == value for name, value in match.items()))


@pytest.mark.parametrize(
    ("key", "match", "column", "value", "expected"),
    [
        (
            "objectifs_paei",
            {"Objectif": "Retourner au collège"},
            "Identifiant du jeune",
            "J999",
            "ligne 1, colonne « Identifiant du jeune » : « J999 » — aucun jeune de l'équipe n'a cet "
            "identifiant",
        ),
        (
            "objectifs_paei",
            {"Objectif": "Retourner au collège"},
            "Début de l'accompagnement",
            "2023-02-02",
            "colonne « Début de l'accompagnement » : « 2023-02-02 » — ce jeune n'a pas d'accompagnement "
            "commencé ce jour-là",
        ),
        (
            "objectifs_paei",
            {"Objectif": "Retourner au collège"},
            "Domaine",
            "Astrologie",
            "colonne « Domaine » : « Astrologie » — domaine inconnu du référentiel",
        ),
        (
            "points_paei",
            {"Objectif": "S'inscrire au club"},
            "Objectif",
            "Passer le permis",
            "colonne « Objectif » : « Passer le permis » — ce projet n'a pas cet objectif",
        ),
        (
            "points_paei",
            {"Objectif": "S'inscrire au club"},
            "Date du point",
            "2022-05-10",
            "colonne « Date du point » : « 2022-05-10 » — la date du point est en dehors de la période",
        ),
        (
            "besoins_des_actions",
            {},
            "Besoin",
            "Piscine",
            "colonne « Besoin » : « Piscine » — ce diagnostic n'a pas identifié ce besoin",
        ),
        (
            "besoins_des_actions",
            {},
            "Identifiant de l'action",
            "A-404",
            "colonne « Identifiant de l'action » : « A-404 » — aucune action collective de l'équipe",
        ),
        (
            "agenda",
            {"Type": "Réunion d'équipe"},
            "Fin",
            "09:00",
            "colonne « Fin » : « 09:00 » — l'heure de fin doit suivre l'heure de début",
        ),
        (
            "agenda",
            {"Type": "Réunion d'équipe"},
            "Début",
            "25:00",
            "colonne « Début » : « 25:00 » — heure illisible",
        ),
        (
            "agenda",
            {"Type": "Réunion d'équipe"},
            "Type",
            "Apéro",
            "colonne « Type » : « Apéro » — type inconnu",
        ),
    ],
)
def test_a_wrong_value_is_refused_with_its_file_row_column_and_value_and_nothing_is_written(
    document, key, match, column, value, expected
):
    _first(document, key, **match)[column] = value

    report = _import(document)

    assert not report.ok and not report.written
    text = "\n".join(report.lines())
    assert f"— {key} :" in text
    assert expected in text, text
    assert not Organisation.objects.filter(name="Association d'accueil").exists()


def test_every_wrong_value_of_a_row_is_reported(document):
    event = _first(document, "agenda", Type="Réunion d'équipe")
    event.update({"Début": "soir", "Commune": "Lens", "Présence enregistrée": "carnet-0"})

    report = _import(document)

    agenda = report.attached_reports[-1]
    assert agenda.kind == "agenda" and not report.written
    assert {error.column for error in agenda.errors} == {"Début", "Commune", "Présence enregistrée"}


def test_a_recorded_presence_belongs_to_a_planned_presence_only(document):
    session = _first(document, "agenda", Type="Présence sociale")["Présence enregistrée"]
    _first(document, "agenda", Type="Réunion d'équipe")["Présence enregistrée"] = session

    report = _import(document)

    assert any(
        "seule une présence sociale prévue devient une présence enregistrée" in line
        for line in report.lines()
    )


def test_a_dry_run_checks_the_attached_files_and_keeps_nothing(document):
    report = import_package(content=json.dumps(document).encode(), filename="e.json", team=None, dry_run=True)

    assert report.ok and not report.written, report.lines()
    assert [r.created for r in report.attached_reports] == [2, 2, 1, 2]
    assert not Organisation.objects.filter(name="Association d'accueil").exists()
