"""Pages and downloads holding personal data are never kept by a browser or a proxy."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from tests import factories


@pytest.fixture
def leader_client(client, team):
    client.force_login(factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    return client


def test_a_youth_file_is_sent_with_no_store(leader_client, team):
    youth = factories.YouthFactory(team=team)

    response = leader_client.get(reverse("youths:detail", args=[youth.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_team_export_is_sent_with_no_store(leader_client, team):
    factories.YouthFactory(team=team)

    response = leader_client.get(reverse("imports:export"), {"team": team.pk, "format": "json"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_youth_list_is_sent_with_no_store(leader_client):
    response = leader_client.get(reverse("youths:list"))

    assert "no-store" in response["Cache-Control"]
