import pytest

from carnet.access.models import Role
from tests.factories import MembershipFactory, QuartierFactory, TeamFactory, UserFactory


@pytest.fixture
def educator(team):
    return MembershipFactory(team=team, role=Role.EDUCATOR, user=UserFactory(first_name="Sam")).user


@pytest.fixture
def educator_client(client, educator):
    client.force_login(educator)
    return client


@pytest.fixture
def quartier(commune):
    return QuartierFactory(commune=commune, name="Cité Bruno")


@pytest.fixture
def other_team(organisation):
    """A team of the same organisation the educator is not a member of."""
    return TeamFactory(organisation=organisation)
