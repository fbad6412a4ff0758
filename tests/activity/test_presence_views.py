"""The street-presence pages: quick entry, list, change and deletion."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carnet.access.models import Role
from carnet.activity.models import PresenceSession
from carnet.referentials.models import PresenceKind
from tests.factories import (
    CommuneFactory,
    MembershipFactory,
    PresenceSessionFactory,
    TeamFactory,
    YouthFactory,
    referential,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("activity:presence_create")


def _post(client, of_team, url=CREATE, **fields):
    data = {
        "team": of_team.pk,
        "date": "2024-05-14",
        "duration": "120",
        "kind": referential(PresenceKind, of_team.organisation, "rue").pk,
        **fields,
    }
    return client.post(url, data)


def test_presence_session_date_defaults_to_today(educator_client):
    form = educator_client.get(CREATE).context["form"]
    assert form["date"].value() == timezone.localdate()


def test_presence_form_starts_with_the_usual_commune_two_hours_street_work_and_the_educator(
    educator_client, educator, team
):
    CommuneFactory(team=team, name="Avion")
    henin = CommuneFactory(team=team, name="Hénin-Beaumont", referent=educator)
    form = educator_client.get(CREATE).context["form"]
    assert form["commune"].value() == henin.pk
    assert form["duration"].value() == 120
    assert form["kind"].value() == referential(PresenceKind, team.organisation, "rue").pk
    assert form["educators"].value() == [educator.pk]


def test_educator_records_a_session_and_finds_it_first_in_the_list(educator_client, educator, team, commune):
    PresenceSessionFactory(team=team, date=datetime.date(2023, 1, 1))
    response = _post(educator_client, team, commune=commune.pk, youths_met="7", educators=[educator.pk])
    session = PresenceSession.objects.get(youths_met=7)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('activity:presence_list')}?enregistre={session.pk}"
    listing = educator_client.get(response["Location"])
    html = listing.content.decode()
    assert "Présence sociale enregistrée." in html and "Saisir une autre" in html
    assert listing.context["page"][0] == session


def test_a_typed_duration_replaces_the_one_tapped(educator_client, team):
    _post(educator_client, team, other_minutes="45")
    assert PresenceSession.objects.get().duration_minutes == 45


def test_session_without_duration_is_explained_next_to_the_duration(educator_client, team):
    response = _post(educator_client, team, duration="")
    assert response.status_code == 200
    assert response.context["form"].errors["duration"] == ["Choisissez une durée."]
    assert not PresenceSession.objects.exists()


def test_empty_number_of_youths_met_counts_zero(educator_client, team):
    _post(educator_client, team, youths_met="")
    assert PresenceSession.objects.get().youths_met == 0


def test_number_met_below_the_known_youths_named_is_raised(educator_client, team, commune):
    youths = YouthFactory.create_batch(2, commune=commune)
    _post(educator_client, team, youths_met="1", known_youths=[y.pk for y in youths])
    assert PresenceSession.objects.get().youths_met == 2


def test_youth_of_another_team_tampered_into_the_post_is_a_field_error(educator_client, team, other_team):
    stranger = YouthFactory(commune=CommuneFactory(team=other_team), first_name="Inconnu")
    response = _post(educator_client, team, known_youths=[stranger.pk])
    assert response.status_code == 200
    assert response.context["form"].errors["known_youths"] == ["Ce jeune n'est pas suivi par votre équipe."]
    assert "Inconnu" not in response.content.decode()
    assert not PresenceSession.objects.exists()


def test_team_the_educator_is_not_in_tampered_into_the_post_is_refused(educator_client, team, other_team):
    response = _post(educator_client, team, team=other_team.pk)
    assert response.status_code == 200 and "team" in response.context["form"].errors
    assert "Équipe" in response.content.decode()
    assert not PresenceSession.objects.exists()


def test_searching_youths_without_javascript_keeps_what_was_typed(educator_client, team, commune):
    YouthFactory(commune=commune, first_name="Inès")
    response = _post(educator_client, team, youths_met="5", search="known_youths", **{"q-known_youths": "in"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="known_youths"' in html and "Inès" in html
    assert 'value="5"' in html
    assert not response.context["form"].errors
    assert not PresenceSession.objects.exists()


def test_educator_edits_a_session_of_their_team(educator_client, team):
    session = PresenceSessionFactory(team=team, duration_minutes=150)
    url = reverse("activity:presence_update", args=[session.pk])
    form = educator_client.get(url).context["form"]
    assert form["other_minutes"].value() == 150 and form["duration"].value() is None
    response = _post(educator_client, team, url=url, youths_met="12", version=session.version)
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.youths_met, session.duration_minutes) == (12, 120)


def test_educator_of_another_team_cannot_edit_a_session(educator_client, other_team):
    session = PresenceSessionFactory(team=other_team)
    assert educator_client.get(reverse("activity:presence_update", args=[session.pk])).status_code == 404
    response = _post(educator_client, other_team, url=reverse("activity:presence_update", args=[session.pk]))
    assert response.status_code == 404


def test_session_is_deleted_only_once_confirmed(educator_client, team):
    session = PresenceSessionFactory(team=team)
    url = reverse("activity:presence_delete", args=[session.pk])
    page = educator_client.get(url)
    assert page.status_code == 200 and "Oui, supprimer" in page.content.decode()
    assert PresenceSession.objects.filter(pk=session.pk).exists()
    response = educator_client.post(url)
    assert response.status_code == 302 and not PresenceSession.objects.filter(pk=session.pk).exists()


def test_educator_of_another_team_cannot_delete_a_session(educator_client, other_team):
    session = PresenceSessionFactory(team=other_team)
    assert educator_client.post(reverse("activity:presence_delete", args=[session.pk])).status_code == 404
    assert PresenceSession.objects.filter(pk=session.pk).exists()


def test_list_shows_only_the_sessions_of_the_educator_teams(educator_client, team, other_team):
    mine = PresenceSessionFactory(team=team)
    PresenceSessionFactory(team=other_team)
    response = educator_client.get(reverse("activity:presence_list"))
    assert list(response.context["page"]) == [mine]


def test_educator_of_two_teams_chooses_the_team_and_names_only_its_youths(client, team, organisation):
    second = TeamFactory(organisation=organisation, name="Équipe d'Avion")
    user = MembershipFactory(team=team, role=Role.EDUCATOR).user
    MembershipFactory(user=user, team=second, role=Role.EDUCATOR)
    client.force_login(user)
    assert '<select name="team"' in client.get(CREATE).content.decode()
    youth_of_first = YouthFactory(commune=CommuneFactory(team=team))
    response = _post(client, second, known_youths=[youth_of_first.pk])
    assert response.context["form"].errors["known_youths"] == [
        "Un des jeunes choisis n'est pas suivi par l'équipe."
    ]
    assert not PresenceSession.objects.exists()
