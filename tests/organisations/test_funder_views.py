"""Funders and their logos on Carnet's screens: no team role needs the Django admin for them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from carnet.access.models import Role
from carnet.organisations.models import Funder
from tests import factories

pytestmark = pytest.mark.django_db


def png(name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def leader_client(client, team):
    client.force_login(factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_team_leader_adds_a_funder_with_its_logo_and_the_teams_it_funds(leader_client, team):
    data = {
        "organisation": team.organisation.pk,
        "name": "Département du Pas-de-Calais",
        "level": "departement",
    }
    response = leader_client.post(
        reverse("referentials:funder_create"), data | {"teams": [team.pk], "logo": png()}
    )
    assert response.status_code == 302
    funder = Funder.objects.get()
    assert funder.logo.name.startswith("funders/") and list(funder.teams.all()) == [team]
    listing = leader_client.get(reverse("referentials:funder_list")).content.decode()
    assert "Département du Pas-de-Calais" in listing and "Logo enregistré." in listing


def test_a_logo_that_is_not_an_image_is_refused_in_french(leader_client, team):
    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    data = {"organisation": team.organisation.pk, "name": "Ville", "level": "commune", "logo": fake}
    response = leader_client.post(reverse("referentials:funder_create"), data)
    assert response.status_code == 200 and "image" in response.content.decode()
    assert not Funder.objects.exists()


def test_the_logo_is_replaced_or_removed(leader_client, team):
    funder = Funder.objects.create(organisation=team.organisation, name="État", level="state")
    url = reverse("referentials:funder_update", args=[funder.pk])
    base = {"organisation": team.organisation.pk, "name": "État", "level": "state"}
    leader_client.post(url, base | {"logo": png()})
    funder.refresh_from_db()
    assert funder.logo
    leader_client.post(url, base | {"remove_logo": "on"})
    funder.refresh_from_db()
    assert not funder.logo


def test_a_funder_of_another_organisation_is_not_found(leader_client):
    other = Funder.objects.create(
        organisation=factories.OrganisationFactory(), name="Ailleurs", level="other"
    )
    assert leader_client.get(reverse("referentials:funder_update", args=[other.pk])).status_code == 404


def test_an_educator_has_no_funder_screen(client, team):
    client.force_login(factories.MembershipFactory(team=team, role=Role.EDUCATOR).user)
    assert client.get(reverse("referentials:funder_list")).status_code == 403
