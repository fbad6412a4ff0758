"""What youth tests share: an educator of the usual team, logged in, and a day to call today."""

import datetime

import pytest
from django.utils import timezone

from carnet.access.models import Role
from tests import factories


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def educator(team):
    return factories.MembershipFactory(team=team, role=Role.EDUCATOR).user


@pytest.fixture
def educator_client(client, educator):
    client.force_login(educator)
    return client


@pytest.fixture
def youth(commune):
    return factories.YouthFactory(commune=commune, first_name="Inès", nickname="Nénette", birth_year=2010)


def ref(model, team, code: str):
    """The referential value of ``code`` in the team's organisation."""
    return factories.referential(model, team.organisation, code)
