"""What agenda tests share: an educator of the usual team and a planned street presence."""

import datetime

import pytest
from django.utils import timezone

from carnet.access.models import Role
from carnet.agenda.models import EventKind
from carnet.agenda.services import planned_event_save
from tests import factories


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def educator(team):
    return factories.MembershipFactory(
        team=team, role=Role.EDUCATOR, user=factories.UserFactory(first_name="Sonia", last_name="Benali")
    ).user


@pytest.fixture
def educator_client(client, educator):
    client.force_login(educator)
    return client


@pytest.fixture
def plan(team, commune, educator):
    """Plan an event of the team: a street presence by default."""

    def make(day: datetime.date, **fields):
        values = {
            "team": team,
            "kind": EventKind.PRESENCE,
            "date": day,
            "start_time": datetime.time(16, 0),
            "end_time": datetime.time(18, 30),
            "commune": commune,
            "place": "City stade",
            "presence_kind": factories.referential(factories.ref.PresenceKind, team.organisation, "rue"),
            "people": [educator],
        }
        return planned_event_save(**(values | fields))

    return make
