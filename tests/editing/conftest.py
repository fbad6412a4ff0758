import pytest
from django.test import Client

from carnet.access.models import Role
from tests import factories


def _educator_client(team) -> Client:
    client = Client()
    client.force_login(factories.MembershipFactory(team=team, role=Role.EDUCATOR).user)
    return client


@pytest.fixture
def educator_client(team):
    return _educator_client(team)


@pytest.fixture
def colleague_client(team):
    """A second educator of the team, in a session of their own."""
    return _educator_client(team)
