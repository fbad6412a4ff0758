import pytest

from . import factories


@pytest.fixture
def team(db):
    return factories.TeamFactory()


@pytest.fixture
def organisation(team):
    return team.organisation


@pytest.fixture
def commune(team):
    return factories.CommuneFactory(team=team)
