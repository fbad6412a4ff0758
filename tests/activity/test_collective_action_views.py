"""The collective-action pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carnet.activity.models import ActionRole, CollectiveAction
from carnet.referentials.models import ActionType
from tests.factories import CollectiveActionFactory, CommuneFactory, YouthFactory, referential

pytestmark = pytest.mark.django_db

CREATE = reverse("activity:action_create")


def _post(client, of_team, url=CREATE, **fields):
    data = {
        "team": of_team.pk,
        "action_type": referential(ActionType, of_team.organisation, "sortie").pk,
        "title": "Sortie au stade Bollaert",
        "start_date": "2024-07-10",
        "role": ActionRole.INITIATED,
        **fields,
    }
    return client.post(url, data)


def test_action_starts_today_in_the_usual_commune(educator_client, educator, team):
    henin = CommuneFactory(team=team, referent=educator)
    form = educator_client.get(CREATE).context["form"]
    assert form["start_date"].value() == timezone.localdate()
    assert form["commune"].value() == henin.pk
    assert form["role"].value() == ActionRole.INITIATED


def test_educator_records_an_action_with_a_known_participant_and_a_head_count(educator_client, team, commune):
    inès = YouthFactory(commune=commune, first_name="Inès", sex="F")
    response = _post(educator_client, team, participants=[inès.pk], anonymous_female="3", anonymous_male="")
    action = CollectiveAction.objects.get()
    assert response["Location"] == f"{reverse('activity:action_list')}?enregistre={action.pk}"
    assert list(action.participants.all()) == [inès]
    assert (action.anonymous_female, action.anonymous_male) == (3, 0)
    assert action.end_date == action.start_date
    listing = educator_client.get(response["Location"]).content.decode()
    assert "Action collective enregistrée." in listing and "Sortie au stade Bollaert" in listing


def test_a_number_of_days_sets_the_end_date(educator_client, team):
    _post(educator_client, team, days="3")
    assert CollectiveAction.objects.get().end_date == datetime.date(2024, 7, 12)


def test_end_date_before_start_is_explained_next_to_the_end_date(educator_client, team):
    response = _post(educator_client, team, end_date="2024-07-09")
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == ["La date de fin précède la date de début."]
    assert not CollectiveAction.objects.exists()


def test_days_that_contradict_the_dates_are_explained(educator_client, team):
    response = _post(educator_client, team, end_date="2024-07-11", days="5")
    assert "days" in response.context["form"].errors


def test_action_without_type_or_title_is_explained(educator_client, team):
    response = _post(educator_client, team, action_type="", title="")
    errors = response.context["form"].errors
    assert errors["action_type"] == ["Choisissez un type."]
    assert "title" in errors


def test_participant_of_another_team_tampered_into_the_post_is_a_field_error(
    educator_client, team, other_team
):
    stranger = YouthFactory(commune=CommuneFactory(team=other_team))
    response = _post(educator_client, team, participants=[stranger.pk])
    assert response.context["form"].errors["participants"] == ["Ce jeune n'est pas suivi par votre équipe."]


def test_commune_event_is_saved_as_an_action_the_team_joins(educator_client, team):
    _post(educator_client, team, commune_event="on")
    assert CollectiveAction.objects.get().role == ActionRole.ASSOCIATED


def test_editing_a_one_day_action_leaves_its_end_date_empty(educator_client, team):
    action = CollectiveActionFactory(team=team)
    form = educator_client.get(reverse("activity:action_update", args=[action.pk])).context["form"]
    assert form["end_date"].value() is None and form["title"].value() == action.title


def test_educator_edits_an_action(educator_client, team):
    action = CollectiveActionFactory(team=team)
    response = _post(
        educator_client,
        team,
        url=reverse("activity:action_update", args=[action.pk]),
        title="Atelier cuisine",
        version=action.version,
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Atelier cuisine"


def test_educator_of_another_team_cannot_edit_an_action(educator_client, other_team):
    action = CollectiveActionFactory(team=other_team)
    assert educator_client.get(reverse("activity:action_update", args=[action.pk])).status_code == 404


def test_action_is_deleted_after_confirmation(educator_client, team):
    action = CollectiveActionFactory(team=team)
    url = reverse("activity:action_delete", args=[action.pk])
    assert "Oui, supprimer" in educator_client.get(url).content.decode()
    educator_client.post(url)
    assert not CollectiveAction.objects.exists()
