"""Recording a collective action: dates, role, participants."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.activity import services
from carnet.activity.models import ActionRole
from carnet.referentials.models import ActionType
from tests.factories import CollectiveActionFactory, CommuneFactory, YouthFactory, referential

pytestmark = pytest.mark.django_db

D = datetime.date


def _record(team, **fields):
    fields = {"title": "Sortie au stade", "start_date": D(2024, 7, 10), **fields}
    return services.collective_action_create(
        team=team, action_type=referential(ActionType, team.organisation, "sortie"), **fields
    )


def test_action_without_end_date_lasts_one_day(team):
    action = _record(team)
    assert action.end_date == action.start_date and action.days == 1


def test_trip_over_three_days_counts_three_days(team):
    assert _record(team, end_date=D(2024, 7, 12)).days == 3


def test_action_ending_before_it_starts_is_refused_on_the_end_date(team):
    with pytest.raises(ValidationError) as error:
        _record(team, end_date=D(2024, 7, 9))
    assert error.value.message_dict["end_date"] == ["La date de fin précède la date de début."]


def test_commune_event_makes_the_team_associated(team):
    action = _record(team, commune_event=True, role=ActionRole.INITIATED)
    assert action.role == ActionRole.ASSOCIATED


def test_known_participants_and_anonymous_counts_are_recorded(team, commune):
    inès = YouthFactory(commune=commune, sex="F")
    action = _record(team, participants=[inès], anonymous_male=2, anonymous_female=3)
    action.refresh_from_db()
    assert list(action.participants.all()) == [inès]
    assert (action.anonymous_male, action.anonymous_female, action.anonymous_non_binary) == (2, 3, 0)


def test_participant_of_another_team_is_refused(team, other_team):
    stranger = YouthFactory(commune=CommuneFactory(team=other_team))
    with pytest.raises(ValidationError) as error:
        _record(team, participants=[stranger])
    assert "participants" in error.value.message_dict


def test_negative_head_count_is_refused(team):
    with pytest.raises(ValidationError):
        _record(team, anonymous_female=-1)


def test_moving_an_action_keeps_its_participants(team, commune):
    inès = YouthFactory(commune=commune)
    action = CollectiveActionFactory(team=team)
    action.participants.add(inès)
    services.collective_action_update(
        action=action, version=action.version, start_date=D(2023, 7, 11), end_date=D(2023, 7, 11)
    )
    action.refresh_from_db()
    assert action.start_date == D(2023, 7, 11)
    assert list(action.participants.all()) == [inès]


def test_deleting_an_action_removes_it(team):
    action = CollectiveActionFactory(team=team)
    services.collective_action_delete(action=action)
    assert not team.collective_actions.exists()
