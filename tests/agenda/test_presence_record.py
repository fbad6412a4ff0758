"""A planned street presence, once done, becomes a recorded session in one tap."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from carnet.activity.models import PresenceSession
from carnet.agenda.models import EventKind
from carnet.agenda.services import planned_presence_record
from carnet.reports.build import build_report
from carnet.reports.rules import keys
from carnet.reports.scope import ReportScope
from tests import factories

pytestmark = pytest.mark.django_db


def test_one_tap_records_the_session_with_the_planned_date_place_kind_duration_and_people(
    educator_client, plan, today, educator, commune
):
    quartier = factories.QuartierFactory(commune=commune, name="Cité du 7")
    event = plan(today, quartier=quartier)
    response = educator_client.post(reverse("agenda:presence_record", args=[event.pk]))
    session = PresenceSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activity:presence_update", args=[session.pk])
    assert (session.date, session.duration_minutes, session.place) == (today, 150, "City stade")
    assert (session.kind.code, session.commune, session.quartier) == ("rue", commune, quartier)
    assert list(session.educators.all()) == [educator]
    event.refresh_from_db()
    assert event.recorded_session == session


def test_the_recorded_session_counts_in_the_report(plan, today, team):
    planned_presence_record(event=plan(today))
    scope = ReportScope(team=team, start=today.replace(month=1, day=1), end=today)
    presence = build_report(scope=scope).table(keys.PRESENCE)
    assert presence.total.value(keys.SESSIONS) == 1


def test_a_presence_is_recorded_only_once_and_not_before_it_happens(plan, today):
    event = plan(today)
    planned_presence_record(event=event)
    with pytest.raises(ValidationError, match="déjà enregistrée"):
        planned_presence_record(event=event)
    with pytest.raises(ValidationError, match="prévue plus tard"):
        planned_presence_record(event=plan(today + datetime.timedelta(days=1)))
    assert PresenceSession.objects.count() == 1


def test_only_a_planned_presence_is_recorded_so(plan, today):
    meeting = plan(today, kind=EventKind.TEAM_MEETING, presence_kind=None)
    with pytest.raises(ValidationError, match="Seule une présence sociale"):
        planned_presence_record(event=meeting)


def test_the_week_offers_the_tap_on_done_presences_and_links_the_recorded_ones(educator_client, plan, today):
    done = plan(today)
    later = plan(today + datetime.timedelta(days=1))
    html = educator_client.get(reverse("agenda:week"), {"semaine": today.isoformat()}).content.decode()
    assert reverse("agenda:presence_record", args=[done.pk]) in html
    assert reverse("agenda:presence_record", args=[later.pk]) not in html
    session = planned_presence_record(event=done)
    html = educator_client.get(reverse("agenda:week"), {"semaine": today.isoformat()}).content.decode()
    assert reverse("activity:presence_update", args=[session.pk]) in html
