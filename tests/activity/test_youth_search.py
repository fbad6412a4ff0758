"""The htmx youth search of the entry forms: two letters, the team's youths, ticked ones kept."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from tests.factories import CommuneFactory, MembershipFactory, TeamFactory, YouthFactory

pytestmark = pytest.mark.django_db

URL = reverse("activity:youth_search")


@pytest.fixture
def inès(commune):
    return YouthFactory(commune=commune, first_name="Inès", code="MG-014")


def test_two_letters_return_the_matching_youths_as_checkable_chips(educator_client, inès):
    response = educator_client.get(
        URL, {"field": "known_youths", "q-known_youths": "in"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'type="checkbox" name="known_youths" value="{inès.pk}"' in html
    assert "<html" not in html


def test_the_single_youth_of_an_intervention_is_a_radio_button(educator_client, inès):
    html = educator_client.get(URL, {"field": "youth", "q-youth": "in"}).content.decode()
    assert f'type="radio" name="youth" value="{inès.pk}"' in html


def test_youths_already_ticked_stay_ticked_whatever_the_new_letters(educator_client, inès, commune):
    lucas = YouthFactory(commune=commune, first_name="Lucas")
    html = educator_client.get(
        URL, {"field": "participants", "participants": [inès.pk], "q-participants": "lu"}
    ).content.decode()
    assert f'name="participants" value="{inès.pk}" checked' in html
    assert f'name="participants" value="{lucas.pk}">' in html


def test_one_letter_asks_for_a_second(educator_client, inès):
    html = educator_client.get(URL, {"field": "known_youths", "q-known_youths": "i"}).content.decode()
    assert "Tapez au moins 2 lettres" in html and "Inès" not in html


def test_search_never_shows_a_youth_of_another_team(educator_client, other_team):
    YouthFactory(commune=CommuneFactory(team=other_team), first_name="Inconnu")
    html = educator_client.get(URL, {"field": "known_youths", "q-known_youths": "in"}).content.decode()
    assert "Inconnu" not in html and "Aucun autre jeune trouvé" in html


def test_a_ticked_youth_of_another_team_is_not_shown_either(educator_client, other_team):
    stranger = YouthFactory(commune=CommuneFactory(team=other_team), first_name="Inconnu")
    html = educator_client.get(URL, {"field": "known_youths", "known_youths": [stranger.pk]}).content.decode()
    assert "Inconnu" not in html


def test_the_chosen_team_narrows_the_search(client, team, organisation):
    second = TeamFactory(organisation=organisation)
    user = MembershipFactory(team=team, role=Role.EDUCATOR).user
    MembershipFactory(user=user, team=second, role=Role.EDUCATOR)
    YouthFactory(commune=CommuneFactory(team=team), first_name="Inès")
    YouthFactory(commune=CommuneFactory(team=second), first_name="Ingrid")
    client.force_login(user)
    both = client.get(URL, {"field": "youth", "q-youth": "in"}).content.decode()
    narrowed = client.get(URL, {"field": "youth", "q-youth": "in", "team": second.pk}).content.decode()
    assert "Inès" in both and "Ingrid" in both
    assert "Ingrid" in narrowed and "Inès" not in narrowed


def test_unknown_field_is_not_found(educator_client):
    assert educator_client.get(URL, {"field": "<script>", "q-x": "in"}).status_code == 404
