"""Youths to see again on the educator's home: référent youths not met for a while, PAEI reviews due."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from carnet.access.models import AuditAction, AuditEvent, Role
from carnet.access.visibility import visible_within
from carnet.dashboard.queries import youths_to_see_again
from carnet.organisations.models import Team
from carnet.youths.models import TeamFollowUp
from tests.factories import AccompanimentPeriodFactory, InterventionFactory, MembershipFactory, YouthFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def educator(team):
    return MembershipFactory(team=team, role=Role.EDUCATOR).user


def followed(commune, referent, name, *, last_seen_days_ago=None, **period):
    youth = YouthFactory(commune=commune, first_name=name, first_contact_date=None)
    start = timezone.localdate() - datetime.timedelta(days=400)
    AccompanimentPeriodFactory(youth=youth, start=start, **period).referents.add(referent)
    if last_seen_days_ago is not None:
        InterventionFactory(
            youth=youth, date=timezone.localdate() - datetime.timedelta(days=last_seen_days_ago)
        )
    return youth


def due(user, team, today):
    teams = Team.objects.filter(pk=team.pk)
    youths = visible_within(user, teams).youths()
    return youths_to_see_again(youths=youths, user=user, teams=teams, today=today)


def names(user, team, today):
    return [y.first_name for y in due(user, team, today)]


def test_referent_youths_unseen_for_more_than_six_weeks_are_listed_longest_first(
    team, commune, educator, today
):
    followed(commune, educator, "Recent", last_seen_days_ago=41)
    followed(commune, educator, "Old", last_seen_days_ago=43)
    followed(commune, educator, "Older", last_seen_days_ago=90)
    followed(commune, educator, "Jamais")
    followed(commune, MembershipFactory(team=team, role=Role.EDUCATOR).user, "Autre", last_seen_days_ago=90)
    assert names(educator, team, today) == ["Jamais", "Older", "Old"]


def test_the_team_setting_changes_the_number_of_weeks(team, commune, educator, today):
    followed(commune, educator, "Three weeks", last_seen_days_ago=22)
    assert names(educator, team, today) == []
    TeamFollowUp.objects.create(team=team, weeks_without_contact=3)
    assert names(educator, team, today) == ["Three weeks"]


def test_a_paei_review_due_lists_a_youth_met_recently(team, commune, educator, today):
    followed(commune, educator, "Review", last_seen_days_ago=2, next_review_on=today)
    followed(
        commune, educator, "Later", last_seen_days_ago=2, next_review_on=today + datetime.timedelta(days=1)
    )
    [youth] = due(educator, team, today)
    assert (youth.first_name, youth.review_due_on) == ("Review", today)


def test_an_ended_accompaniment_leaves_the_list(team, commune, educator, today):
    followed(commune, educator, "Ended", last_seen_days_ago=90, end=today - datetime.timedelta(days=1))
    assert names(educator, team, today) == []


def test_the_home_lists_them_one_tap_from_a_new_intervention_and_logs_the_read(
    client, team, commune, educator
):
    youth = followed(commune, educator, "Inès", last_seen_days_ago=60)
    client.force_login(educator)
    html = client.get(reverse("home")).content.decode()
    assert "Jeunes à revoir" in html and "Inès" in html
    assert f"{reverse('activity:intervention_create')}?youth={youth.pk}" in html
    reads = AuditEvent.objects.filter(action=AuditAction.READ, user=educator)
    assert ("youths.youth", str(youth.pk)) in {(event.target_type, event.target_id) for event in reads}


def test_the_home_takes_the_same_number_of_queries_for_2_and_20_youths_to_see(
    client, team, commune, educator
):
    client.force_login(educator)

    def count():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("home"))
        return len(context.captured_queries)

    for n in range(2):
        followed(commune, educator, f"A{n}", last_seen_days_ago=60)
    count()  # the first request of a session reads more (session, two-factor state)
    few = count()
    for n in range(18):
        followed(commune, educator, f"B{n}", last_seen_days_ago=60)
    assert count() == few


def test_a_team_leader_sets_the_number_of_weeks(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    url = reverse("youths:follow_up")
    assert "6" in client.get(url).content.decode()
    response = client.post(url, {"team": team.pk, f"team-{team.pk}-weeks_without_contact": "4"})
    assert response.status_code == 302
    assert TeamFollowUp.objects.get(team=team).weeks_without_contact == 4
    refused = client.post(url, {"team": team.pk, f"team-{team.pk}-weeks_without_contact": "60"})
    assert "inférieure ou égale à 52" in refused.content.decode()


def test_an_educator_cannot_change_the_setting(client, educator):
    client.force_login(educator)
    assert client.get(reverse("youths:follow_up")).status_code == 403
