import html

import pytest

from carnet.access.models import Membership, Role, User
from carnet.organisations.models import Commune, Funder, Organisation, Quartier, Team
from carnet.referentials.models import Domain
from tests import factories
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def installer(client):
    user = User.objects.create_superuser("installateur", password="phrase-de-passe-installateur")
    force_login_verified(client, user)
    return user


@pytest.fixture
def administrator(client, organisation):
    user = factories.MembershipFactory(team=None, organisation=organisation, role=Role.ADMIN).user
    force_login_verified(client, user)
    return user


def test_on_an_empty_installation_the_installer_creates_the_association_and_administers_it(client, installer):
    response = client.post("/mise-en-route/", {"name": "Prévention Lens-Liévin"})

    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert Domain.objects.filter(organisation=organisation).count() == 11
    assert Membership.objects.filter(user=installer, organisation=organisation, role=Role.ADMIN).exists()
    assert "Mise en route de Prévention Lens-Liévin" in client.get("/mise-en-route/").content.decode()


def test_once_an_organisation_exists_a_superuser_without_its_role_cannot_create_another(
    client, installer, team
):
    assert client.post("/mise-en-route/", {"name": "Une autre"}).status_code == 403
    assert Organisation.objects.count() == 1


def test_the_administrator_adds_a_team_a_commune_a_quartier_and_a_funder(client, administrator, organisation):
    client.post("/mise-en-route/", {"section": "team", "name": "Équipe de Lens", "short_name": "EPL"})
    team = Team.objects.get(name="Équipe de Lens")
    client.post(
        "/mise-en-route/", {"section": "commune", "team": team.pk, "name": "Lens", "insee_code": "62498"}
    )
    commune = Commune.objects.get(name="Lens")
    client.post(
        "/mise-en-route/", {"section": "quartier", "commune": commune.pk, "name": "Sellier", "is_qpv": "on"}
    )
    client.post(
        "/mise-en-route/",
        {"section": "funder", "name": "Ville de Lens", "level": "commune", "teams": [team.pk]},
    )

    assert team.organisation == organisation and commune.insee_code == "62498"
    assert Quartier.objects.get(commune=commune).is_qpv
    assert list(Funder.objects.get().teams.all()) == [team]


def test_a_wrong_insee_code_is_refused_with_a_french_message(client, administrator, team):
    response = client.post(
        "/mise-en-route/", {"section": "commune", "team": team.pk, "name": "Lens", "insee_code": "20004"}
    )

    assert "« 20004 » n'est pas un code INSEE de commune" in html.unescape(response.content.decode())
    assert not Commune.objects.filter(name="Lens").exists()


def test_the_invitation_link_is_shown_to_the_administrator(client, administrator, team):
    response = client.post(
        "/mise-en-route/",
        {
            "section": "invite",
            "first_name": "Claire",
            "last_name": "Dupont",
            "role": Role.TEAM_LEADER,
            "team": team.pk,
        },
        follow=True,
    )

    page = response.content.decode()
    assert "identifiant claire.dupont" in page and "http://testserver/invitation/" in page
    assert Membership.objects.get(user__username="claire.dupont").team == team


def test_a_team_role_without_a_team_is_refused(client, administrator, team):
    response = client.post(
        "/mise-en-route/", {"section": "invite", "first_name": "Claire", "role": Role.EDUCATOR}
    )

    assert "Ce rôle s'exerce dans une équipe" in html.unescape(response.content.decode())
    assert not User.objects.filter(first_name="Claire").exists()


def test_the_page_only_writes_into_the_administrators_organisation(client, administrator, organisation):
    other_team = factories.TeamFactory(name="Équipe d'ailleurs")

    response = client.post("/mise-en-route/", {"section": "commune", "team": other_team.pk, "name": "Arras"})

    assert response.status_code == 200 and not Commune.objects.filter(name="Arras").exists()


def test_on_an_empty_installation_the_home_page_leads_the_installer_to_the_setup(client, installer):
    assert client.get("/")["Location"] == "/mise-en-route/"
