"""Without signal: the quick entries open and save on the phone, wait in the browser, and reach
the server once each, in order, when the network comes back (Chromium offline through
Playwright's ``context.set_offline``)."""

import json
import time

import pytest
from playwright.sync_api import expect

from carnet.access.models import Role
from carnet.activity.models import Intervention, PresenceSession
from carnet.youths.models import Youth
from tests.browser.conftest import screenshot
from tests.factories import CommuneFactory, MembershipFactory, TeamFactory, UserFactory, YouthFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "motdepasse-de-test"


@pytest.fixture
def educator():
    user = UserFactory(username="sam", first_name="Sam")
    commune = CommuneFactory(name="Montigny-en-Gohelle", referent=user)
    MembershipFactory(user=user, team=commune.team, role=Role.EDUCATOR)
    YouthFactory(commune=commune, first_name="Inès", nickname="Nénette", code="MG-014")
    return user


@pytest.fixture
def phone_context(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 360, "height": 740}
    )
    yield context
    context.close()


def sign_in(page, username: str) -> None:
    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name="Accueil")).to_be_visible()


def eventually(page, check, *, seconds: float = 15) -> None:
    """Wait, letting the page run, until ``check()`` holds."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"still false after {seconds} s"
        page.wait_for_timeout(200)


def until(page, script: str, *, seconds: float = 15) -> None:
    """Wait until an asynchronous check in the page holds (``wait_for_function`` would take the
    promise an async function returns for a true answer)."""
    eventually(page, lambda: page.evaluate(script), seconds=seconds)


# Installing the worker and keeping the pages fetches a dozen pages: on a machine loaded by the
# rest of the suite, a page the live server answers late is fetched again on the next try.
READY_SECONDS = 45


def ready_for_the_street(page) -> None:
    """The worker controls the page and the phone keeps the quick-entry pages and the youths."""
    # A page opened before the worker took over stays outside it until it is loaded again.
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        until(page, "navigator.serviceWorker.ready.then(() => true)", seconds=READY_SECONDS)
        page.reload()
    until(page, "navigator.serviceWorker.controller !== null", seconds=READY_SECONDS)
    until(
        page,
        """async () => {
            const kept = await (await caches.open("carnet-pages")).keys();
            const youths = await CarnetStore.pickableYouths();
            return kept.length >= 6 && youths.length > 0;
        }""",
        seconds=READY_SECONDS,
    )


def stored(page, store: str) -> list:
    """What the browser keeps: the pages cached, or an IndexedDB store's records (none when
    the database is gone)."""
    return page.evaluate(
        """async (store) => {
            if (store === "pages") {
                return (await caches.has("carnet-pages"))
                    ? (await (await caches.open("carnet-pages")).keys()).map((request) => request.url)
                    : [];
            }
            if (!(await indexedDB.databases()).some((database) => database.name === "carnet")) {
                return [];
            }
            const db = await idb.openDB("carnet");
            const records = db.objectStoreNames.contains(store) ? await db.getAll(store) : [];
            db.close();
            return records;
        }""",
        store,
    )


def record_presence_offline(page, met: str) -> None:
    page.goto("/activite/presence/nouvelle/")
    page.get_by_label("Jeunes rencontrés").fill(met)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Saisie gardée sur le téléphone")).to_be_visible()


def test_presence_new_youth_and_intervention_recorded_offline_arrive_once_and_linked(phone_context, educator):
    page = phone_context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "sam")
    page.goto("/activite/")
    ready_for_the_street(page)

    phone_context.set_offline(True)
    page.locator(".quick-entries").get_by_role("link", name="Présence sociale").click()
    expect(page.get_by_role("heading", name="Présence sociale")).to_be_visible()
    page.get_by_label("Jeunes rencontrés").fill("4")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Saisie gardée sur le téléphone")).to_be_visible()
    expect(page.locator("#outbox-badge")).to_have_text("1 saisie en attente d’envoi")

    page.get_by_role("link", name="Nouveau jeune").click()
    page.get_by_label("Prénom").fill("Nawel")
    page.get_by_role("button", name="Créer la fiche").click()
    expect(page.locator("#outbox-badge")).to_have_text("2 saisies en attente d’envoi")

    page.locator(".quick-entries").get_by_role("link", name="Intervention").click()
    page.get_by_placeholder("Tapez 2 lettres…").fill("na")
    page.get_by_text("Nawel").click()
    page.get_by_text("Scolarité").click()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#outbox-badge")).to_have_text("3 saisies en attente d’envoi")

    page.reload()  # offline: the worker answers with the page it kept
    expect(page.locator(".outbox-entry")).to_have_count(3)
    screenshot(page, "offline-outbox")
    assert not PresenceSession.objects.exists() and not Intervention.objects.exists()

    phone_context.set_offline(False)
    expect(page.locator("#outbox-badge")).to_be_hidden()
    expect(page.get_by_text("Aucune saisie en attente : tout est envoyé.")).to_be_visible()
    nawel = Youth.objects.get(first_name="Nawel")
    assert PresenceSession.objects.get().youths_met == 4
    assert Intervention.objects.get().youth == nawel
    assert nawel.created_by == educator and nawel.team == Youth.objects.get(first_name="Inès").team


def test_an_entry_whose_answer_was_lost_is_sent_again_and_stored_once(phone_context, educator):
    page = phone_context.new_page()
    sign_in(page, "sam")
    page.goto("/activite/")
    ready_for_the_street(page)
    phone_context.set_offline(True)
    record_presence_offline(page, "6")

    answers_lost = []

    def lose_the_answer(route):
        route.fetch()  # the server records the entry...
        answers_lost.append(route.request.url)
        route.abort("internetdisconnected")  # ...and its answer never reaches the phone

    page.route("**/activite/presence/nouvelle/", lose_the_answer, times=1)
    phone_context.set_offline(False)
    eventually(page, lambda: answers_lost)
    expect(page.locator("#outbox-status")).to_contain_text("elles partiront dès son retour")
    expect(page.locator("#outbox-badge")).to_have_text("1 saisie en attente d’envoi")
    assert len(answers_lost) == 1 and PresenceSession.objects.count() == 1

    page.get_by_role("button", name="Envoyer maintenant").click()
    expect(page.locator("#outbox-badge")).to_be_hidden()
    assert PresenceSession.objects.get().youths_met == 6


def test_a_refused_entry_stays_with_the_servers_reason_until_corrected(phone_context, educator):
    page = phone_context.new_page()
    sign_in(page, "sam")
    page.goto("/activite/")
    ready_for_the_street(page)
    phone_context.set_offline(True)
    page.goto("/activite/interventions/nouvelle/")
    page.get_by_placeholder("Tapez 2 lettres…").fill("in")
    page.get_by_text("Inès « Nénette »").click()
    page.get_by_role("button", name="Enregistrer").click()  # no domain: the server will refuse it
    expect(page.get_by_text("Saisie gardée sur le téléphone")).to_be_visible()

    phone_context.set_offline(False)
    entry = page.locator(".outbox-entry")
    expect(entry).to_contain_text("Domaines : Choisissez au moins un domaine.")
    expect(entry).to_contain_text("Refusée par le serveur")
    expect(page.locator("#outbox-badge")).to_have_text("1 saisie en attente d’envoi")
    screenshot(page, "offline-refused")
    page.reload()
    expect(page.locator(".outbox-entry")).to_contain_text("Choisissez au moins un domaine.")
    assert not Intervention.objects.exists()

    entry.get_by_role("link", name="Corriger").click()
    expect(page.get_by_text("refusée par le serveur : corrigez-la")).to_be_visible()
    expect(page.get_by_label("Inès « Nénette »")).to_be_checked()
    page.get_by_text("Famille", exact=True).click()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Intervention enregistrée.")).to_be_visible()
    expect(page.locator("#outbox-badge")).to_be_hidden()
    intervention = Intervention.objects.get()
    assert [domain.code for domain in intervention.domains.all()] == ["famille"]


def test_an_entry_kept_while_the_session_ended_is_sent_after_signing_in_again(phone_context, educator):
    page = phone_context.new_page()
    sign_in(page, "sam")
    page.goto("/activite/")
    ready_for_the_street(page)
    phone_context.set_offline(True)
    record_presence_offline(page, "3")
    phone_context.clear_cookies()  # the session ends while the phone has no network
    phone_context.set_offline(False)

    page.goto("/activite/")
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    expect(page.locator("#outbox-badge")).to_contain_text("reconnectez-vous pour les envoyer")
    assert not PresenceSession.objects.exists()
    page.get_by_label("Nom d’utilisateur").fill("sam")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    eventually(page, PresenceSession.objects.exists)
    expect(page.locator("#outbox-badge")).to_be_hidden()
    assert PresenceSession.objects.get().youths_met == 3


def test_a_page_the_busy_server_did_not_give_is_kept_on_the_next_try(phone_context, educator):
    page = phone_context.new_page()
    sign_in(page, "sam")
    page.goto("/activite/")
    ready_for_the_street(page)
    action_page = page.evaluate("new URL('/activite/actions/nouvelle/', location.href).href")
    # The hour is over and the phone keeps the pages again, without the action's page.
    page.evaluate(
        """async (url) => {
            await (await caches.open(CarnetStore.PAGES_CACHE)).delete(url);
            await CarnetStore.setMeta("pagesAt", 0);
        }""",
        action_page,
    )
    refused = []

    def busy_server(route):
        refused.append(route.request.url)
        route.fulfill(status=503, body="Serveur occupé")

    page.route("**/activite/actions/nouvelle/", busy_server, times=1)
    page.evaluate("CarnetOffline.sync(true)")
    eventually(page, lambda: refused)
    kept_again = (
        f"async () => !!(await (await caches.open(CarnetStore.PAGES_CACHE)).match({json.dumps(action_page)}))"
    )
    until(page, kept_again, seconds=READY_SECONDS)  # ten seconds later, not an hour
    assert refused == [action_page]


def test_signing_out_empties_the_browsers_stores(phone_context, educator):
    page = phone_context.new_page()
    sign_in(page, "sam")
    page.goto("/activite/")
    ready_for_the_street(page)
    assert [youth["first_name"] for youth in stored(page, "youths")] == ["Inès"]

    page.get_by_role("button", name="Déconnexion").click()
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    assert stored(page, "youths") == [] and stored(page, "outbox") == [] and stored(page, "pages") == []


def test_an_educator_of_another_team_never_finds_the_first_teams_youths_on_the_phone(phone_context, educator):
    commune = CommuneFactory(team=TeamFactory(name="Équipe de Lens"), name="Lens")
    lea = UserFactory(username="lea", first_name="Léa")
    MembershipFactory(user=lea, team=commune.team, role=Role.EDUCATOR)
    YouthFactory(commune=commune, first_name="Yanis")
    page = phone_context.new_page()
    sign_in(page, "sam")
    page.goto("/activite/")
    ready_for_the_street(page)
    phone_context.clear_cookies()  # Sam's session ends without signing out; Léa takes the phone

    sign_in(page, "lea")
    page.goto("/activite/")
    until(page, "async () => (await CarnetStore.pickableYouths()).every((y) => y.first_name === 'Yanis')")
    ready_for_the_street(page)
    assert [youth["first_name"] for youth in stored(page, "youths")] == ["Yanis"]
    phone_context.set_offline(True)
    page.goto("/activite/interventions/nouvelle/")
    expect(page.get_by_role("link", name="Léa")).to_be_visible()  # the page kept is Léa's
    page.get_by_placeholder("Tapez 2 lettres…").fill("in")
    expect(page.get_by_text("Aucun autre jeune trouvé pour « in ».")).to_be_visible()
    assert "Inès" not in page.content()
