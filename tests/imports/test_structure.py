"""A whole-export JSON document without referentials still gives its new organisation the
default ones, so that the team's spreadsheets import."""

import json

from carnet.imports.columns import ImportKind
from carnet.imports.package import import_package
from carnet.imports.services import import_file
from carnet.organisations.models import Organisation
from carnet.referentials.models import Domain, Origin

from .conftest import csv_bytes

DOCUMENT = {
    "format": "carnet-export",
    "version": 1,
    "organisation": {"nom": "Association de Lens-Liévin"},
    "equipe": {"nom": "Équipe de Lens", "sigle": "EPLL", "communes": [{"nom": "Lens", "quartiers": []}]},
    "jeunes": [{"Identifiant": "L1", "Prénom": "Célia", "Commune": "Lens"}],
}


def test_a_document_without_referentials_installs_the_default_ones(db):
    report = import_package(
        content=json.dumps(DOCUMENT).encode(), filename="equipe.json", team=None, dry_run=False
    )
    assert report.written, report.lines()
    organisation = Organisation.objects.get(name="Association de Lens-Liévin")
    assert Origin.objects.filter(organisation=organisation, code="presence-sociale").exists()
    assert "référentiels par défaut : 1" in "\n".join(report.lines())

    youths = csv_bytes([["N°", "Prénom", "Origine", "Commune"], ["L2", "Inès", "Présence sociale", "Lens"]])
    imported = import_file(
        team=report.team, kind=ImportKind.YOUTHS, content=youths, filename="jeunes.csv", dry_run=False
    )
    assert imported.written and imported.created == 1, imported.lines()


def test_a_document_with_its_own_referentials_keeps_them_without_the_defaults(db):
    document = {
        **DOCUMENT,
        "referentiels": {"domaines": [{"code": "ecole", "libelle": "École", "ordre": 0, "en_usage": True}]},
    }
    report = import_package(
        content=json.dumps(document).encode(), filename="equipe.json", team=None, dry_run=False
    )
    assert report.written, report.lines()
    organisation = Organisation.objects.get()
    assert list(Domain.objects.filter(organisation=organisation).values_list("code", flat=True)) == ["ecole"]
