"""A whole export adds to the organisation's referentials only for who may edit them."""

import json

import pytest

from carnet.access.models import Role
from carnet.imports.export import export_team_json
from carnet.imports.mapping import MappingProblem
from carnet.imports.package import import_package
from carnet.referentials.models import Domain
from carnet.youths.models import Youth
from tests import factories


@pytest.fixture
def document(team, montigny) -> dict:
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    return json.loads(export_team_json(team=team, user=None))


def with_a_new_domain(document: dict) -> bytes:
    document["referentiels"]["domaines"].append(
        {"code": "astronomie", "libelle": "Astronomie", "ordre": 99, "en_usage": True}
    )
    return json.dumps(document).encode()


def member(team, role):
    return factories.MembershipFactory(team=team, role=role).user


def test_an_educator_importing_a_document_that_adds_a_referential_value_is_refused_and_nothing_changes(
    team, document
):
    educator = member(team, Role.EDUCATOR)

    with pytest.raises(MappingProblem) as refusal:
        import_package(
            content=with_a_new_domain(document),
            filename="equipe.json",
            team=team,
            dry_run=False,
            user=educator,
        )

    assert str(refusal.value) == (
        "Ce document ajouterait au cadre de l'organisation ou de l'équipe (valeurs de référentiels : 1), "
        "ce que seul·es les chef·fes de service peuvent faire. Demandez-leur d'importer ce document, "
        "ou d'ajouter d'abord ces valeurs (Référentiels)."
    )
    assert not Domain.objects.filter(label="Astronomie").exists()


def test_a_team_leader_importing_the_same_document_adds_the_value(team, document):
    leader = member(team, Role.TEAM_LEADER)

    report = import_package(
        content=with_a_new_domain(document), filename="equipe.json", team=team, dry_run=False, user=leader
    )

    assert report.written
    assert Domain.objects.filter(organisation=team.organisation, label="Astronomie").exists()


def test_an_educator_imports_a_document_whose_frame_the_organisation_already_has(team, document):
    educator = member(team, Role.EDUCATOR)
    other = factories.TeamFactory(organisation=team.organisation)
    commune = factories.CommuneFactory(team=other, name="Montigny-en-Gohelle")
    factories.QuartierFactory(commune=commune, name="Cité 10")
    factories.MembershipFactory(user=educator, team=other, role=Role.EDUCATOR)

    report = import_package(
        content=json.dumps(document).encode(),
        filename="equipe.json",
        team=other,
        dry_run=False,
        user=educator,
    )

    assert report.written
    assert Youth.objects.filter(team=other).count() == 1
