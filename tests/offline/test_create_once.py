"""An entry made on the phone and sent twice is created once (services)."""

import datetime
import uuid

import pytest

from carnet.activity import services
from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.offline import services as offline_services
from carnet.referentials.models import ActionType, Domain, PresenceKind
from carnet.youths import services as youth_services
from carnet.youths.models import Youth
from tests.factories import UserFactory, referential

pytestmark = pytest.mark.django_db

D = datetime.date


def _intervention(youth, educator, client_uuid, note=""):
    return services.intervention_create(
        youth=youth,
        date=D(2026, 12, 3),
        domains=[referential(Domain, youth.team.organisation, "famille")],
        note=note,
        created_by=educator,
        client_uuid=client_uuid,
    )


def test_an_intervention_sent_twice_is_created_once_and_the_replay_returns_it(youth, educator):
    entry = uuid.uuid4()
    first = _intervention(youth, educator, entry, note="Premier envoi")
    again = _intervention(youth, educator, entry, note="Réponse perdue, renvoyé")
    assert again.pk == first.pk and again.note == "Premier envoi"
    assert Intervention.objects.count() == 1
    assert (first.created_by, first.client_uuid) == (educator, entry)


def test_the_same_identifier_from_another_author_is_another_entry(youth, educator):
    entry = uuid.uuid4()
    _intervention(youth, educator, entry)
    _intervention(youth, UserFactory(), entry)
    assert Intervention.objects.count() == 2


def test_entries_without_identifier_are_each_created(youth, educator):
    _intervention(youth, educator, None)
    _intervention(youth, educator, None)
    assert Intervention.objects.count() == 2


def test_a_copy_racing_the_first_returns_the_first(youth, educator, monkeypatch):
    entry = uuid.uuid4()
    first = _intervention(youth, educator, entry)
    real = offline_services.sent_record
    calls = []

    def not_seen_the_first_time(model, **kwargs):
        # The racing copy checked before the first one was saved: it does not see it...
        calls.append(model)
        return None if len(calls) == 1 else real(model, **kwargs)

    monkeypatch.setattr(offline_services, "sent_record", not_seen_the_first_time)
    again = _intervention(youth, educator, entry)
    assert again.pk == first.pk and Intervention.objects.count() == 1


def test_presence_and_collective_action_are_created_once(team, educator):
    entry, organisation = uuid.uuid4(), team.organisation
    for _ in range(2):
        services.presence_session_create(
            team=team,
            date=D(2026, 12, 3),
            duration_minutes=120,
            kind=referential(PresenceKind, organisation, "rue"),
            created_by=educator,
            client_uuid=entry,
        )
        services.collective_action_create(
            team=team,
            action_type=referential(ActionType, organisation, "sortie"),
            title="Sortie au stade",
            start_date=D(2026, 12, 3),
            created_by=educator,
            client_uuid=entry,
        )
    assert PresenceSession.objects.count() == 1 and CollectiveAction.objects.count() == 1


def test_a_youth_sent_twice_has_one_file(team, educator):
    entry = uuid.uuid4()
    first = youth_services.youth_create(team=team, user=educator, client_uuid=entry, first_name="Nawel")
    again = youth_services.youth_create(team=team, user=educator, client_uuid=entry, first_name="Nawel")
    assert again.pk == first.pk and Youth.objects.count() == 1
    assert first.created_by == educator
