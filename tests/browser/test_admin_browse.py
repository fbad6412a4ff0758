"""Until the daily-use screens exist, a user logs in and browses records in the admin."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.factories import UserFactory, YouthFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_user_logs_in_and_finds_a_youth_in_the_admin(desktop_page):
    UserFactory(username="cheffe", is_staff=True, is_superuser=True)
    YouthFactory(first_name="Inès", nickname="Nénette")
    page = desktop_page

    page.goto("/")
    page.get_by_label("Nom d’utilisateur").fill("cheffe")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Connexion").click()
    page.get_by_role("rowheader", name="Jeunes", exact=True).get_by_role("link").click()

    expect(page.get_by_role("link", name="Inès « Nénette »")).to_be_visible()
    screenshot(page, "admin-youths")
