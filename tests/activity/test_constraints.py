"""What the database itself refuses about recorded activity, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.db import IntegrityError

from carnet.activity.models import ActionRole
from tests.factories import (
    CollectiveActionFactory,
    PartnershipMeetingFactory,
    PresenceSessionFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def test_collective_action_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        CollectiveActionFactory(start_date=D(2023, 12, 17), end_date=D(2023, 12, 16))


def test_a_two_day_trip_counts_two_days():
    trip = CollectiveActionFactory(start_date=D(2023, 12, 16), end_date=D(2023, 12, 17))
    assert trip.days == 2


@pytest.mark.parametrize("field", ["anonymous_male", "anonymous_female", "anonymous_non_binary"])
def test_anonymous_head_counts_cannot_be_negative(field):
    with pytest.raises(IntegrityError):
        CollectiveActionFactory(**{field: -1})


def test_commune_event_must_be_an_action_the_team_joins():
    with pytest.raises(IntegrityError):
        CollectiveActionFactory(commune_event=True, role=ActionRole.INITIATED)


def test_commune_event_joined_by_the_team_is_accepted():
    assert CollectiveActionFactory(commune_event=True, role=ActionRole.ASSOCIATED).pk


@pytest.mark.parametrize("minutes", [0, 24 * 60 + 1])
def test_presence_session_lasts_between_a_minute_and_a_day(minutes):
    with pytest.raises(IntegrityError):
        PresenceSessionFactory(duration_minutes=minutes)


def test_presence_session_cannot_meet_a_negative_number_of_youths():
    with pytest.raises(IntegrityError):
        PresenceSessionFactory(youths_met=-3)


def test_partnership_meeting_has_a_positive_duration():
    with pytest.raises(IntegrityError):
        PartnershipMeetingFactory(duration_minutes=0)
