"""A new youth as quickly as the other entries, and a new intervention from a youth's page."""

import pytest
from django.urls import reverse

from carnet.organisations.models import Commune
from carnet.youths.queries import usual_place
from tests.factories import CommuneFactory, QuartierFactory, YouthFactory

pytestmark = pytest.mark.django_db


def test_a_new_youth_lives_where_the_educator_is_referent_in_the_quartier_of_most_youths(
    educator_client, educator, team
):
    CommuneFactory(team=team, name="Avion")
    henin = CommuneFactory(team=team, name="Hénin-Beaumont", referent=educator)
    QuartierFactory(commune=henin, name="Centre")
    cite = QuartierFactory(commune=henin, name="Cité Darcy")
    YouthFactory(commune=henin, quartier=cite)
    form = educator_client.get(reverse("youths:create")).context["form"]
    assert (form["commune"].value(), form["quartier"].value()) == (henin.pk, cite.pk)
    page = educator_client.get(reverse("youths:create")).content.decode()
    assert "Plus de détails" in page and "Créer la fiche" in page


def test_no_quartier_is_guessed_among_several_where_nobody_lives_yet(educator, team):
    commune = CommuneFactory(team=team, referent=educator)
    QuartierFactory(commune=commune)
    QuartierFactory(commune=commune)
    assert usual_place(user=educator, communes=Commune.objects.filter(team=team)) == (commune, None)


def test_the_only_commune_of_the_team_is_pre_filled_without_a_referent(educator, team):
    commune = CommuneFactory(team=team)
    only = QuartierFactory(commune=commune)
    assert usual_place(user=educator, communes=Commune.objects.filter(team=team)) == (commune, only)


def test_a_youths_page_offers_a_new_intervention_with_the_youth_chosen(educator_client, youth):
    page = educator_client.get(reverse("youths:detail", args=[youth.pk])).content.decode()
    assert f'href="{reverse("activity:intervention_create")}?youth={youth.pk}"' in page
    assert "Nouvelle intervention" in page
