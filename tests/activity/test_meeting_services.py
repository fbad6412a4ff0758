"""Recording a partnership meeting."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.activity import services
from carnet.referentials.models import MeetingKind
from tests.factories import CommuneFactory, PartnerFactory, PartnershipMeetingFactory, referential

pytestmark = pytest.mark.django_db

D = datetime.date


def _record(team, **fields):
    fields = {"date": D(2024, 3, 5), "duration_minutes": 90, **fields}
    return services.partnership_meeting_create(
        team=team, kind=referential(MeetingKind, team.organisation, "cls"), **fields
    )


def test_meeting_is_recorded_with_its_partners(team, commune, educator):
    partner = PartnerFactory(organisation=team.organisation, name="Mission locale")
    meeting = _record(
        team, subject="Santé des 16-25 ans", commune=commune, partners=[partner], educators=[educator]
    )
    meeting.refresh_from_db()
    assert [p.name for p in meeting.partners.all()] == ["Mission locale"]
    assert meeting.subject == "Santé des 16-25 ans"


def test_meeting_in_a_commune_of_another_team_is_refused(team, other_team):
    with pytest.raises(ValidationError) as error:
        _record(team, commune=CommuneFactory(team=other_team))
    assert "commune" in error.value.message_dict


def test_meeting_without_duration_is_refused(team):
    with pytest.raises(ValidationError):
        _record(team, duration_minutes=0)


def test_updating_a_meeting_changes_its_subject(team):
    meeting = PartnershipMeetingFactory(team=team)
    services.partnership_meeting_update(
        meeting=meeting, version=meeting.version, subject="Réunion bailleur : halls d'immeuble"
    )
    meeting.refresh_from_db()
    assert meeting.subject == "Réunion bailleur : halls d'immeuble"


def test_deleting_a_meeting_removes_it(team):
    meeting = PartnershipMeetingFactory(team=team)
    services.partnership_meeting_delete(meeting=meeting)
    assert not team.partnership_meetings.exists()
