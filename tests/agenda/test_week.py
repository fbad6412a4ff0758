"""The agenda's week: seven days from Monday, each with its events in time order."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carnet.agenda.models import EventKind
from carnet.agenda.queries import monday_of, week
from carnet.agenda.services import planned_event_save
from carnet.organisations.models import Team
from tests import factories

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 30)


def test_a_week_runs_from_monday_to_sunday_with_events_in_time_order(team, plan):
    plan(MONDAY + datetime.timedelta(days=2), start_time=datetime.time(18, 0), end_time=datetime.time(20, 0))
    plan(MONDAY + datetime.timedelta(days=2), start_time=datetime.time(9, 0), end_time=datetime.time(10, 0))
    plan(MONDAY + datetime.timedelta(days=7))  # next week
    the_week = week(
        teams=Team.objects.filter(pk=team.pk), monday=monday_of(MONDAY + datetime.timedelta(days=4))
    )
    assert the_week.days[0].day == MONDAY and the_week.sunday == datetime.date(2026, 12, 6)
    wednesday = the_week.days[2].events
    assert [event.start_time.hour for event in wednesday] == [9, 18]
    assert sum(len(day.events) for day in the_week.days) == 2


def test_the_week_page_shows_presence_meetings_and_the_team_meeting_with_its_agenda(educator_client, plan):
    plan(MONDAY, title="Maraude soirée")
    plan(
        MONDAY + datetime.timedelta(days=1),
        kind=EventKind.TEAM_MEETING,
        title="Réunion du mardi",
        presence_kind=None,
        agenda="Point sur les séjours",
        decisions="Séjour ski validé",
    )
    html = educator_client.get(reverse("agenda:week"), {"semaine": "2026-12-02"}).content.decode()
    assert "Semaine du 30 novembre au 6 décembre 2026" in html
    assert "Maraude soirée" in html and "City stade" in html and "Sonia Benali" in html
    assert "Réunion d&#x27;équipe" in html and "Séjour ski validé" in html


def test_an_unreadable_week_shows_the_current_week(educator_client):
    assert educator_client.get(reverse("agenda:week"), {"semaine": "pas-une-date"}).status_code == 200


def test_another_teams_events_stay_out_of_the_week(educator_client, plan):
    other = factories.TeamFactory()
    planned_event_save(
        team=other,
        kind=EventKind.MEETING,
        title="Réunion ailleurs",
        date=MONDAY,
        start_time=datetime.time(9),
        end_time=datetime.time(10),
    )
    html = educator_client.get(reverse("agenda:week"), {"semaine": "2026-11-30"}).content.decode()
    assert "Réunion ailleurs" not in html


def test_the_week_takes_the_same_number_of_queries_for_2_and_30_events(educator_client, plan):
    def count():
        with CaptureQueriesContext(connection) as context:
            educator_client.get(reverse("agenda:week"), {"semaine": "2026-11-30"})
        return len(context.captured_queries)

    for n in range(2):
        plan(MONDAY + datetime.timedelta(days=n))
    count()
    few = count()
    for n in range(28):
        plan(MONDAY + datetime.timedelta(days=n % 7))
    assert count() == few


def test_an_event_is_planned_changed_and_removed_on_carnets_screens(educator_client, team, educator, commune):
    data = {
        "team": team.pk,
        "kind": "meeting",
        "title": "Rencontre bailleur",
        "date": "2026-12-03",
        "start_time": "10:00",
        "end_time": "11:30",
        "commune": commune.pk,
        "people": [educator.pk],
    }
    response = educator_client.post(reverse("agenda:event_create"), data)
    assert response.status_code == 302 and "semaine=2026-11-30" in response["Location"]
    event = team.planned_events.get()
    data |= {"end_time": "09:00", "version": event.version}
    refused = educator_client.post(reverse("agenda:event_update", args=[event.pk]), data)
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in refused.content.decode()
    assert educator_client.post(reverse("agenda:event_delete", args=[event.pk])).status_code == 302
    assert not team.planned_events.exists()


def test_a_planned_presence_needs_its_kind(educator_client, team):
    data = {
        "team": team.pk,
        "kind": "presence",
        "date": "2026-12-03",
        "start_time": "16:00",
        "end_time": "18:00",
    }
    response = educator_client.post(reverse("agenda:event_create"), data)
    assert "Indiquez le type de présence prévu." in response.content.decode()


def test_a_weekly_team_meeting_is_planned_once_for_the_coming_weeks(educator_client, team, educator):
    data = {
        "team": team.pk,
        "kind": "team_meeting",
        "title": "Réunion d'équipe",
        "date": "2026-12-01",
        "start_time": "09:00",
        "end_time": "11:00",
        "people": [educator.pk],
        "agenda": "Tour des situations",
        "repeat_weeks": "3",
    }
    assert educator_client.post(reverse("agenda:event_create"), data).status_code == 302
    dates = list(team.planned_events.values_list("date", flat=True))
    assert dates == [datetime.date(2026, 12, d) for d in (1, 8, 15, 22)]
    assert all(event.people.get() == educator for event in team.planned_events.all())


def test_a_person_outside_the_team_cannot_be_planned(team, plan):
    stranger = factories.MembershipFactory(role="educator").user
    with pytest.raises(ValidationError, match="ne travaille pas dans l'équipe"):
        plan(MONDAY, people=[stranger])
