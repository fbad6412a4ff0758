"""An educator, one-handed on a phone: creates a youth, finds them again, moves them up a modality."""

import pytest
from playwright.sync_api import Page, expect

from carnet.access.models import Role
from tests.browser.conftest import screenshot
from tests.factories import CommuneFactory, MembershipFactory, QuartierFactory, UserFactory, YouthFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 360
TAP = 44


def look_at(page: Page, name: str) -> None:
    """Save what the user sees, then check it fits a phone: nothing wider than the screen,
    and every button, field and card a thumb can hit."""
    screenshot(page, name)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    targets = page.locator(
        "main .button, main button, main input:not([type=checkbox]):not([type=radio]):not([type=hidden]), "
        "main select, main .youth-card, main label.choice, main summary"
    )
    for index in range(targets.count()):
        target = targets.nth(index)
        if target.is_visible():
            box = target.bounding_box()
            assert box["height"] >= TAP - 0.5, (
                f"{target.evaluate('e => e.outerHTML')[:120]} is {box['height']}px high"
            )
            assert box["x"] + box["width"] <= PHONE_WIDTH, target.evaluate("e => e.outerHTML")[:120]


def test_educator_creates_finds_and_moves_a_youth_up_on_a_phone(phone_page):
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    QuartierFactory(commune=commune, name="Cité Bruno")
    YouthFactory(commune=commune, first_name="Karim")
    user = UserFactory(username="educ", first_name="Sonia")
    MembershipFactory(user=user, team=commune.team, role=Role.EDUCATOR)
    page = phone_page

    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("educ")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()

    page.goto("/jeunes/")
    page.get_by_role("link", name="Nouveau jeune").click()
    expect(page.get_by_role("heading", name="Nouveau jeune")).to_be_visible()
    look_at(page, "youths-create-form")
    page.get_by_label("Prénom").fill("Yasmine")
    page.get_by_label("Femme").check()
    page.get_by_label("ou seulement l'année de naissance").fill("2009")
    page.get_by_label("Commune").select_option(label="Montigny-en-Gohelle")
    page.get_by_label("Quartier").select_option(label="Cité Bruno (Montigny-en-Gohelle)")
    page.get_by_role("button", name="Créer la fiche").click()

    expect(page.get_by_role("heading", name="Yasmine", exact=True)).to_be_visible()
    expect(page.get_by_text("Fiche de Yasmine créée.")).to_be_visible()
    page.get_by_role("link", name="← Tous les jeunes").click()
    page.get_by_label("Rechercher un jeune").press_sequentially("ya", delay=50)
    expect(page.locator(".youth-card")).to_have_count(1)
    expect(page.get_by_text("1 jeune", exact=True)).to_be_visible()
    assert "q=ya" in page.url
    look_at(page, "youths-search")

    page.locator(".youth-card", has_text="Yasmine").click()
    expect(page.get_by_role("heading", name="Aucun accompagnement en cours.")).to_have_count(0)
    look_at(page, "youths-detail-new")
    page.get_by_role("link", name="Changer de modalité").click()
    expect(page.get_by_role("heading", name="Changer de modalité")).to_be_visible()
    assert "/modalite/" not in page.url  # loaded in place by htmx
    look_at(page, "youths-modality-form")
    page.get_by_label("Accompagnement Socio-Educatif Ponctuel (ASEP)").check()
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Modalité d'accompagnement enregistrée.")).to_be_visible()
    timeline = page.locator(".timeline")
    expect(timeline.get_by_text("Début d'accompagnement")).to_be_visible()
    expect(timeline.get_by_text("Accompagnement Socio-Educatif Ponctuel (ASEP)")).to_be_visible()
    expect(timeline.get_by_text("Référent·es : Sonia")).to_be_visible()
    look_at(page, "youths-detail-after-modality")


def test_educator_is_warned_of_a_duplicate_then_merges_and_undoes_on_a_phone(phone_page):
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    youth = YouthFactory(commune=commune, first_name="Inès", nickname="Nénette", birth_year=2010)
    user = UserFactory(username="educ2")
    MembershipFactory(user=user, team=commune.team, role=Role.EDUCATOR)
    page = phone_page
    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("educ2")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()

    page.goto("/jeunes/nouveau/")
    page.get_by_label("Surnom").fill("nenette")
    page.get_by_label("ou seulement l'année de naissance").fill("2010")
    page.get_by_label("Commune").select_option(label="Montigny-en-Gohelle")
    expect(page.get_by_text("Ce jeune a peut-être déjà une fiche")).to_be_visible()  # the hint, while typing
    page.get_by_role("button", name="Créer la fiche").click()
    expect(page.get_by_label("Ce n'est pas la même personne, créer quand même")).to_be_visible()
    look_at(page, "youths-duplicate-warning")
    page.get_by_label("Ce n'est pas la même personne, créer quand même").check()
    page.get_by_role("button", name="Créer la fiche").first.click()
    expect(page.get_by_role("heading", name="nenette", exact=True)).to_be_visible()

    page.goto(f"/jeunes/{youth.pk}/")
    page.get_by_role("link", name="Fusionner avec un doublon").click()
    page.get_by_label("Rechercher l'autre fiche").press_sequentially("nen", delay=50)
    expect(page.locator(".youth-card")).to_have_count(1)
    look_at(page, "youths-merge-search")
    page.locator(".youth-card").click()
    expect(page.get_by_role("heading", name="Confirmer la fusion")).to_be_visible()
    look_at(page, "youths-merge-confirm")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Fusionner les deux fiches").click()
    expect(page.get_by_text("Fiches fusionnées : Inès « Nénette » est conservée.")).to_be_visible()
    look_at(page, "youths-merged")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Annuler la fusion").click()
    expect(page.get_by_text("Fusion annulée : les deux fiches sont de nouveau séparées.")).to_be_visible()
    page.goto("/jeunes/")
    expect(page.locator(".youth-card")).to_have_count(2)
    page.get_by_text("Filtres").click()
    look_at(page, "youths-list-filters")
