import pytest

from carnet.access.models import Role
from tests.factories import MembershipFactory, UserFactory, YouthFactory


@pytest.fixture
def educator(team):
    return MembershipFactory(team=team, role=Role.EDUCATOR, user=UserFactory(first_name="Sam")).user


@pytest.fixture
def educator_client(client, educator):
    client.force_login(educator)
    return client


@pytest.fixture
def youth(commune):
    return YouthFactory(commune=commune, first_name="Inès", nickname="Nénette", code="MG-014")
