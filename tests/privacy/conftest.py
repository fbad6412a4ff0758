import datetime

import pytest

from carnet.access.models import Role
from tests import factories

TODAY = datetime.date(2026, 3, 1)


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


@pytest.fixture
def director(organisation):
    return factories.MembershipFactory(team=None, organisation=organisation, role=Role.DIRECTOR).user


@pytest.fixture
def director_client(client, director):
    client.force_login(director)
    return client
