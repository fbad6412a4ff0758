"""Each person's private iCalendar feed: valid RFC 5545, their own agenda, no youth data, revocable."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from carnet.access.models import Role
from carnet.agenda.models import CalendarFeed, EventKind
from carnet.agenda.services import calendar_feed_renew, calendar_feed_revoke, planned_presence_record
from tests import factories

pytestmark = pytest.mark.django_db


def read(client, feed) -> Calendar:
    response = client.get(reverse("agenda:feed", args=[feed.token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_feed_reads_back_as_a_calendar_of_the_persons_own_agenda(client, plan, today, team, educator):
    plan(today, title="Maraude soirée")
    plan(today, kind=EventKind.TEAM_MEETING, presence_kind=None, people=[], title="Réunion du mardi")
    colleague = factories.MembershipFactory(team=team, role=Role.EDUCATOR).user
    plan(today, title="Maraude d'un collègue", people=[colleague])
    calendar = read(client, calendar_feed_renew(user=educator))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    summaries = sorted(str(event["SUMMARY"]) for event in events)
    assert summaries == ["Présence sociale — Maraude soirée", "Réunion d'équipe — Réunion du mardi"]
    presence = next(event for event in events if "Maraude" in str(event["SUMMARY"]))
    start, end = presence.decoded("DTSTART"), presence.decoded("DTEND")
    assert end - start == datetime.timedelta(hours=2, minutes=30)
    assert all(event.get("UID") and event.get("DTSTAMP") for event in events)


def test_the_feed_holds_no_youth_data_and_no_meeting_notes(client, plan, today, educator, commune):
    youth = factories.YouthFactory(commune=commune, first_name="Inès", nickname="Nénette")
    session_event = plan(today)
    session = planned_presence_record(event=session_event)
    session.known_youths.add(youth)
    plan(
        today,
        kind=EventKind.TEAM_MEETING,
        presence_kind=None,
        agenda="Situation d'Inès",
        decisions="Appeler la famille de Nénette",
    )
    content = client.get(reverse("agenda:feed", args=[calendar_feed_renew(user=educator).token])).content
    text = content.decode()
    assert "Inès" not in text and "Nénette" not in text and "famille" not in text


def test_a_revoked_or_renewed_address_is_refused(client, educator):
    old = calendar_feed_renew(user=educator)
    new = calendar_feed_renew(user=educator)
    assert old.token != new.token
    assert client.get(reverse("agenda:feed", args=[old.token])).status_code == 404
    assert client.get(reverse("agenda:feed", args=[new.token])).status_code == 200
    calendar_feed_revoke(user=educator)
    assert client.get(reverse("agenda:feed", args=[new.token])).status_code == 404


def test_the_feed_of_a_deactivated_account_is_refused(client, educator):
    feed = calendar_feed_renew(user=educator)
    educator.is_active = False
    educator.save()
    assert client.get(reverse("agenda:feed", args=[feed.token])).status_code == 404


def test_a_person_creates_and_revokes_their_address_on_carnets_screen(educator_client, educator):
    url = reverse("agenda:feed_settings")
    assert "Créer mon adresse privée" in educator_client.get(url).content.decode()
    educator_client.post(url, {"action": "renew"})
    feed = CalendarFeed.objects.get(user=educator)
    assert feed.token in educator_client.get(url).content.decode()
    assert len(feed.token) >= 40
    educator_client.post(url, {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=educator).exists()
