"""A staff user logs in to Carnet and browses the records in the admin."""

import pytest
from playwright.sync_api import expect

from carnet.access.models import Role
from tests.browser.conftest import screenshot
from tests.factories import MembershipFactory, UserFactory, YouthFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_user_logs_in_and_finds_a_youth_in_the_admin(desktop_page):
    youth = YouthFactory(first_name="Inès", nickname="Nénette")
    user = UserFactory(username="cheffe", is_staff=True)
    MembershipFactory(user=user, team=youth.team, role=Role.TEAM_LEADER)
    page = desktop_page

    page.goto("/")
    page.get_by_label("Nom d’utilisateur").fill("cheffe")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Données").click()
    page.get_by_role("rowheader", name="Jeunes", exact=True).get_by_role("link").click()

    expect(page.get_by_role("link", name="Inès « Nénette »")).to_be_visible()
    screenshot(page, "admin-youths")
