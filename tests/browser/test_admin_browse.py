"""An administrator signs in to Carnet with the second factor and browses the records in the
admin; a team leader finds no way in."""

import pytest
from playwright.sync_api import expect

from carnet.access.models import Role
from tests.browser.conftest import screenshot
from tests.factories import MembershipFactory, UserFactory, YouthFactory
from tests.second_factor import confirmed_device_for, give_the_code

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, username):
    page.goto("/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()


def test_an_administrator_gives_the_code_and_finds_a_youth_in_the_admin(desktop_page):
    youth = YouthFactory(first_name="Inès", nickname="Nénette")
    user = UserFactory(username="admin-equipe", is_staff=True)
    MembershipFactory(user=user, team=None, organisation=youth.team.organisation, role=Role.ADMIN)
    MembershipFactory(user=user, team=youth.team, role=Role.TEAM_LEADER)
    device = confirmed_device_for(user)
    page = desktop_page

    _sign_in(page, "admin-equipe")
    give_the_code(page, device)
    page.get_by_role("link", name="Données").click()
    page.get_by_role("rowheader", name="Jeunes", exact=True).get_by_role("link").click()

    expect(page.get_by_role("link", name="Inès « Nénette »")).to_be_visible()
    screenshot(page, "admin-youths")


def test_a_team_leader_has_no_data_link_and_the_admin_refuses_them(desktop_page):
    youth = YouthFactory(first_name="Inès")
    MembershipFactory(user=UserFactory(username="cheffe"), team=youth.team, role=Role.TEAM_LEADER)
    page = desktop_page

    _sign_in(page, "cheffe")
    expect(page.get_by_role("link", name="Jeunes")).to_be_visible()
    expect(page.get_by_role("link", name="Données")).to_have_count(0)
    assert page.goto("/admin/").status == 403
