"""Team leaders edit the referentials: add, rename, retire without losing history."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from carnet.referentials.models import Domain
from tests.factories import InterventionFactory, MembershipFactory, OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_client(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    return client


def test_team_leader_adds_a_domain_that_gets_a_stable_code(leader_client, organisation):
    response = leader_client.post(
        reverse("referentials:values", args=["domaines"]), {"label": "Logement", "position": 20}
    )
    assert response.status_code == 302
    domain = Domain.objects.get(organisation=organisation, label="Logement")
    assert domain.code == "logement" and domain.is_active


def test_renaming_keeps_the_code_and_the_records(leader_client, organisation):
    intervention = InterventionFactory(domains=["sante"], youth__commune__team__organisation=organisation)
    domain = Domain.objects.get(organisation=organisation, code="sante")
    url = reverse("referentials:values", args=["domaines"]) + f"?modifier={domain.pk}"
    leader_client.post(url, {"label": "Santé et bien-être", "position": domain.position})
    domain.refresh_from_db()
    assert (domain.label, domain.code) == ("Santé et bien-être", "sante")
    assert list(intervention.domains.all()) == [domain]


def test_retired_value_stays_on_past_records_and_can_be_restored(leader_client, organisation):
    InterventionFactory(domains=["justice"], youth__commune__team__organisation=organisation)
    domain = Domain.objects.get(organisation=organisation, code="justice")
    url = reverse("referentials:toggle", args=["domaines", domain.pk])
    leader_client.post(url)
    domain.refresh_from_db()
    assert not domain.is_active and domain.interventions.count() == 1
    leader_client.post(url)
    domain.refresh_from_db()
    assert domain.is_active


def test_duplicate_label_is_explained_in_french(leader_client):
    response = leader_client.post(
        reverse("referentials:values", args=["domaines"]), {"label": "Famille", "position": 1}
    )
    assert response.status_code == 200
    assert "Une autre valeur porte déjà ce libellé." in response.content.decode()


def test_educator_cannot_edit_referentials(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.EDUCATOR).user)
    assert client.get(reverse("referentials:index")).status_code == 403


def test_value_of_another_organisation_is_not_found(leader_client):
    other = TeamFactory(organisation=OrganisationFactory(name="Autre"))
    foreign = Domain.objects.get(organisation=other.organisation, code="famille")
    assert (
        leader_client.post(reverse("referentials:toggle", args=["domaines", foreign.pk])).status_code == 404
    )
    url = reverse("referentials:values", args=["domaines"]) + f"?modifier={foreign.pk}"
    assert leader_client.get(url).status_code == 404
