"""Activity screens that name youths write the read to the audit log (issue 13, finding 6)."""

import pytest
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent
from tests.factories import (
    CollectiveActionFactory,
    InterventionFactory,
    PresenceSessionFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def inès(commune):
    return YouthFactory(commune=commune, first_name="Inès")


def _reads(user) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.READ, user=user))


def _names(events, label: str, pk: int) -> bool:
    return any(pk in event.changes.get(label, []) for event in events)


def test_the_htmx_youth_picker_is_no_longer_an_unaudited_search_of_names(educator_client, educator, inès):
    response = educator_client.get(
        reverse("activity:youth_search"), {"field": "youth", "q-youth": "in"}, HTTP_HX_REQUEST="true"
    )

    assert "Inès" in response.content.decode()
    [event] = _reads(educator)
    assert (event.target_type, event.target_id) == ("youths.youth", str(inès.pk))


def test_an_interventions_edit_form_is_no_longer_an_unaudited_read(educator_client, educator, inès):
    intervention = InterventionFactory(youth=inès)

    response = educator_client.get(reverse("activity:intervention_update", args=[intervention.pk]))

    assert "Inès" in response.content.decode()
    targets = {(event.target_type, event.target_id) for event in _reads(educator)}
    assert ("activity.intervention", str(intervention.pk)) in targets
    assert ("youths.youth", str(inès.pk)) in targets


def test_a_collective_actions_edit_form_is_no_longer_an_unaudited_read_of_its_participants(
    educator_client, educator, team, commune, inès
):
    action = CollectiveActionFactory(team=team, commune=commune)
    action.participants.set([inès, YouthFactory(commune=commune, first_name="Yanis")])

    response = educator_client.get(reverse("activity:action_update", args=[action.pk]))

    assert "Inès" in response.content.decode()
    events = _reads(educator)
    assert ("activity.collectiveaction", str(action.pk)) in {(e.target_type, e.target_id) for e in events}
    assert _names(events, "jeunes", inès.pk)


def test_a_presence_edit_form_is_no_longer_an_unaudited_read_of_the_youths_met(
    educator_client, educator, team, commune, inès
):
    session = PresenceSessionFactory(team=team, commune=commune)
    session.known_youths.set([inès, YouthFactory(commune=commune, first_name="Yanis")])

    response = educator_client.get(reverse("activity:presence_update", args=[session.pk]))

    assert "Inès" in response.content.decode()
    events = _reads(educator)
    assert ("activity.presencesession", str(session.pk)) in {(e.target_type, e.target_id) for e in events}
    assert _names(events, "jeunes", inès.pk)


def test_the_intervention_list_is_no_longer_an_unaudited_read_of_the_youths_it_names(
    educator_client, educator, inès
):
    first, second = InterventionFactory(youth=inès), InterventionFactory(youth=inès)

    response = educator_client.get(reverse("activity:intervention_list"))

    assert "Inès" in response.content.decode()
    assert _names(_reads(educator), "interventions", first.pk)
    assert _names(_reads(educator), "interventions", second.pk)
