"""An educator records the three quick entries on a 360 px phone, one thumb, few taps."""

import pytest
from playwright.sync_api import expect

from carnet.access.models import Role
from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from tests.browser.conftest import screenshot
from tests.factories import (
    CommuneFactory,
    MembershipFactory,
    PresenceSessionFactory,
    UserFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

# htmx adds its indicator styles inline, which the CSP refuses on every page (base.html's
# concern, not these screens'): that complaint alone is expected.
HTMX_INDICATOR_STYLE_HASH = "faU7yAF8NxuMTNEwVmBz+VcYeIoBQ2EMHW3WaVxCvnk="


@pytest.fixture
def educator():
    user = UserFactory(username="sam", first_name="Sam", last_name="Leroy")
    commune = CommuneFactory(name="Montigny-en-Gohelle", referent=user)
    MembershipFactory(user=user, team=commune.team, role=Role.EDUCATOR)
    YouthFactory(commune=commune, first_name="Inès", nickname="Nénette", code="MG-014", sex="F")
    YouthFactory(commune=commune, first_name="Lucas", code="MG-015")
    return user


@pytest.fixture
def phone(phone_page, educator):
    """The phone, logged in as the educator, with the browser's complaints (CSP...) collected."""
    page = phone_page
    page.complaints = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and HTMX_INDICATOR_STYLE_HASH not in message.text
            and page.complaints.append(message.text)
        ),
    )
    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("sam")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Bonjour Sam")).to_be_visible()
    page.goto("/activite/")
    return page


def assert_fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide: something overflows"


def test_educator_records_a_presence_session_in_three_taps(phone, educator):
    screenshot(phone, "activity-home")
    phone.locator(".quick-entries").get_by_role("link", name="Présence sociale").click()  # tap 1
    expect(phone.get_by_label("2 h")).to_be_checked()
    expect(phone.get_by_label("Travail de rue")).to_be_checked()
    expect(phone.get_by_label("Commune", exact=True)).to_have_value(
        str(educator.referent_of_communes.get().pk)
    )
    assert_fits_the_phone(phone)
    screenshot(phone, "activity-presence-form")
    phone.get_by_label("Jeunes rencontrés").fill("7")  # tap 2 and two digits
    phone.get_by_role("button", name="Enregistrer").click()  # tap 3

    expect(phone.get_by_text("Présence sociale enregistrée.")).to_be_visible()
    expect(phone.get_by_role("link", name="Saisir une autre")).to_be_visible()
    session = PresenceSession.objects.get()
    assert (session.duration_minutes, session.youths_met, session.kind.code) == (120, 7, "rue")
    assert [user.username for user in session.educators.all()] == ["sam"]
    assert_fits_the_phone(phone)
    screenshot(phone, "activity-presence-saved")
    assert phone.complaints == []


def test_educator_records_an_intervention_picking_a_youth_by_two_letters(phone):
    phone.locator(".quick-entries").get_by_role("link", name="Intervention").click()
    phone.get_by_placeholder("Tapez 2 lettres…").fill("in")
    phone.get_by_text("Inès « Nénette »").click()
    phone.get_by_text("Scolarité").click()
    phone.get_by_text("Famille", exact=True).click()
    phone.get_by_label("Note factuelle").fill("Rendez-vous au collège pour la réinscription.")
    expect(
        phone.get_by_text("Notes courtes et factuelles : aucun récit d'infraction ni détail de santé.")
    ).to_be_visible()
    assert_fits_the_phone(phone)
    screenshot(phone, "activity-intervention-form")
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.get_by_text("Intervention enregistrée.")).to_be_visible()
    intervention = Intervention.objects.get()
    assert intervention.youth.first_name == "Inès"
    assert sorted(domain.code for domain in intervention.domains.all()) == ["famille", "scolarite"]
    expect(phone.locator(".just-saved")).to_contain_text("Inès")
    screenshot(phone, "activity-intervention-saved")
    assert phone.complaints == []


def test_intervention_without_a_domain_is_explained_next_to_the_domains(phone):
    phone.locator(".quick-entries").get_by_role("link", name="Intervention").click()
    phone.get_by_placeholder("Tapez 2 lettres…").fill("lu")
    phone.get_by_text("Lucas").click()
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.locator("#group-domains")).to_contain_text("Choisissez au moins un domaine.")
    expect(phone.get_by_label("Lucas")).to_be_checked()
    assert_fits_the_phone(phone)
    screenshot(phone, "activity-intervention-error")
    assert not Intervention.objects.exists()


def test_educator_creates_a_collective_action_with_one_known_participant(phone):
    phone.locator(".quick-entries").get_by_role("link", name="Action collective").click()
    phone.get_by_text("Sortie", exact=True).click()
    phone.get_by_label("Intitulé").fill("Sortie au stade Bollaert")
    phone.get_by_placeholder("Tapez 2 lettres…").fill("né")
    phone.get_by_text("Inès « Nénette »").click()
    phone.get_by_label("Filles").fill("3")
    assert_fits_the_phone(phone)
    screenshot(phone, "activity-action-form")
    phone.get_by_role("button", name="Enregistrer").click()

    expect(phone.get_by_text("Action collective enregistrée.")).to_be_visible()
    action = CollectiveAction.objects.get()
    assert action.title == "Sortie au stade Bollaert"
    assert [youth.first_name for youth in action.participants.all()] == ["Inès"]
    assert action.anonymous_female == 3 and action.start_date == action.end_date
    screenshot(phone, "activity-action-saved")
    assert phone.complaints == []


def test_youth_search_works_without_javascript(browser, live_server, educator):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/connexion/?next=/activite/interventions/nouvelle/")
    page.get_by_label("Nom d’utilisateur").fill("sam")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Santé / Bien être").click()
    page.get_by_placeholder("Tapez 2 lettres…").fill("lu")
    page.get_by_role("button", name="Chercher").click()
    expect(page.get_by_label("Santé / Bien être")).to_be_checked()
    page.get_by_text("Lucas").click()
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_text("Intervention enregistrée.")).to_be_visible()
    assert Intervention.objects.get().youth.first_name == "Lucas"
    context.close()


def test_educator_corrects_then_deletes_a_session_from_the_list(phone, educator):
    team = educator.memberships.get().team
    PresenceSessionFactory(team=team, youths_met=4)
    phone.get_by_role("link", name="Présences sociales").click()
    phone.get_by_role("link", name="Modifier").click()
    phone.get_by_label("Jeunes rencontrés").fill("9")
    phone.get_by_role("button", name="Enregistrer les modifications").click()
    expect(phone.locator(".just-saved")).to_contain_text("9 jeunes rencontrés")
    assert_fits_the_phone(phone)
    screenshot(phone, "activity-presence-list")

    phone.get_by_role("link", name="Supprimer").click()
    screenshot(phone, "activity-delete-confirmation")
    phone.get_by_role("button", name="Oui, supprimer").click()
    expect(phone.get_by_text("Présence sociale supprimée.")).to_be_visible()
    assert not PresenceSession.objects.exists()


def test_educator_adds_a_partner(phone):
    phone.get_by_role("link", name="Partenaires").click()
    phone.get_by_role("link", name="Nouveau partenaire").click()
    phone.get_by_label("Nom").fill("Collège Youri Gagarine")
    phone.get_by_label("Type").select_option(label="Établissement scolaire")
    phone.get_by_label("Commune").select_option(label="Montigny-en-Gohelle")
    assert_fits_the_phone(phone)
    screenshot(phone, "activity-partner-form")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.locator(".just-saved")).to_contain_text("Collège Youri Gagarine")
    screenshot(phone, "activity-partner-list")
