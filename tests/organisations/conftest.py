import pytest

from carnet.access.models import Role
from tests.factories import MembershipFactory


@pytest.fixture
def educator_client(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.EDUCATOR).user)
    return client
