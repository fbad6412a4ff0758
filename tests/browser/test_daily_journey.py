"""A team leader's day on a phone: records street presence, creates a youth, records an
intervention with them, finds it in the youth's timeline, and sees the home figure change."""

import pytest
from playwright.sync_api import expect

from carnet.access.models import Role
from tests.browser.conftest import screenshot
from tests.factories import CommuneFactory, MembershipFactory, QuartierFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _figure(page, label: str) -> int:
    figure = page.locator(".team-figures .figures li", has_text=label).first
    return int(figure.locator(".figure-value").inner_text().replace("\u202f", "").replace(" ", ""))


def test_a_day_of_work_shows_in_the_timeline_and_on_the_home_page(phone_page):
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    QuartierFactory(commune=commune, name="Cité du 7")
    user = UserFactory(username="claire", first_name="Claire")
    MembershipFactory(user=user, team=commune.team, role=Role.TEAM_LEADER)
    page = phone_page

    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("claire")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Bonjour Claire")).to_be_visible()
    youths_before = _figure(page, "jeunes rencontrés")

    page.locator(".quick-entries").get_by_role("link", name="Présence sociale").click()
    page.get_by_label("Jeunes rencontrés").fill("6")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("enregistrée")).to_be_visible()

    page.goto("/")
    page.locator(".quick-entries").get_by_role("link", name="Nouveau jeune").click()
    page.get_by_label("Prénom").fill("Nawel")
    page.get_by_label("Femme").check()
    page.get_by_label("ou seulement l'année de naissance").fill("2010")
    page.get_by_label("Commune").select_option(label="Montigny-en-Gohelle")
    page.get_by_role("button", name="Créer la fiche").click()
    expect(page.get_by_role("heading", name="Nawel", exact=True)).to_be_visible()

    page.goto("/")
    page.locator(".quick-entries").get_by_role("link", name="Intervention").click()
    page.get_by_placeholder("Tapez 2 lettres…").fill("na")
    page.get_by_text("Nawel").click()
    page.get_by_text("Scolarité").click()
    page.get_by_label("Note factuelle").fill("Point sur l'inscription au collège.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Intervention enregistrée.")).to_be_visible()

    page.goto("/jeunes/")
    page.get_by_label("Rechercher un jeune").fill("na")
    page.get_by_role("link", name="Nawel").click()
    expect(page.locator("main").get_by_text("Point sur l'inscription au collège.")).to_be_visible()
    screenshot(page, "journey-youth-timeline")

    page.goto("/")
    expect(page.locator(".team-figures")).to_be_visible()
    assert _figure(page, "jeunes rencontrés") == youths_before + 1
    screenshot(page, "journey-home-after")
