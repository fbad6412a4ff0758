"""On a phone, an educator reads the team's week and records a planned street presence in one tap;
the agenda and diagnostic pages have no serious accessibility violation."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carnet.access.models import Role
from carnet.activity.diagnostic_services import diagnostic_save
from carnet.activity.models import PresenceSession
from carnet.agenda.models import EventKind
from carnet.agenda.services import calendar_feed_renew, planned_event_save
from carnet.organisations.models import Funder
from tests.browser.test_accessibility import _violations, axe_page  # noqa: F401 (fixture)
from tests.browser.test_youths_journey import look_at
from tests.factories import CommuneFactory, MembershipFactory, QuartierFactory, UserFactory, ref, referential

pytestmark = pytest.mark.django_db(transaction=True)


def _team_week(username: str, role: str = Role.EDUCATOR):
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    quartier = QuartierFactory(commune=commune, name="Cité du 7")
    user = UserFactory(username=username, first_name="Sonia", last_name="Benali")
    MembershipFactory(user=user, team=commune.team, role=role)
    today = timezone.localdate()
    street = referential(ref.PresenceKind, commune.team.organisation, "rue")
    common = {"team": commune.team, "commune": commune, "people": [user]}
    presence = planned_event_save(
        kind=EventKind.PRESENCE,
        title="Maraude soirée",
        date=today,
        start_time=datetime.time(17, 0),
        end_time=datetime.time(19, 0),
        place="City stade",
        quartier=quartier,
        presence_kind=street,
        **common,
    )
    planned_event_save(
        kind=EventKind.TEAM_MEETING,
        title="Réunion d'équipe hebdomadaire",
        date=today,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 0),
        agenda="Point sur les séjours",
        decisions="Séjour ski validé",
        **common,
    )
    return user, quartier, presence


def _sign_in(page, username):
    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")


def test_an_educator_reads_the_week_and_records_a_planned_presence_in_one_tap(phone_page):
    _user, _quartier, presence = _team_week("educ")
    page = phone_page
    _sign_in(page, "educ")

    page.get_by_role("link", name="Agenda").click()
    expect(page.get_by_role("heading", name="aujourd'hui")).to_be_visible()
    expect(page.get_by_text("Maraude soirée")).to_be_visible()
    expect(page.get_by_text("Réunion d'équipe hebdomadaire")).to_be_visible()
    look_at(page, "agenda-week-360")

    page.get_by_role("button", name="Faite : l'enregistrer").click()
    expect(
        page.get_by_text("Présence enregistrée : ajoutez les jeunes rencontrés si besoin.")
    ).to_be_visible()
    session = PresenceSession.objects.get()
    assert (session.place, session.duration_minutes, session.quartier.name) == (
        "City stade",
        120,
        "Cité du 7",
    )
    presence.refresh_from_db()
    assert presence.recorded_session == session
    look_at(page, "agenda-presence-recorded-360")


def test_agenda_and_diagnostic_pages_have_no_serious_violation(axe_page):  # noqa: F811
    user, quartier, presence = _team_week("cheffe", Role.TEAM_LEADER)
    calendar_feed_renew(user=user)
    diagnostic = diagnostic_save(
        team=quartier.commune.team,
        quartier=quartier,
        date=datetime.date(2026, 3, 14),
        summary="Regroupements en soirée.",
        needs=["Lieu pour les 16-18 ans"],
    )
    page = axe_page
    _sign_in(page, "cheffe")
    urls = [
        "/agenda/",
        "/agenda/nouveau/",
        f"/agenda/{presence.pk}/modifier/",
        "/agenda/calendrier/",
        "/activite/diagnostics/",
        "/activite/diagnostics/nouveau/",
        f"/activite/diagnostics/{diagnostic.pk}/modifier/",
        "/activite/actions/nouvelle/",
    ]
    failures = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            page.goto(url)
            if found := _violations(page):
                failures[f"{url} @{width}px"] = found
    assert not failures, "\n".join(f"{url}: {found}" for url, found in failures.items())


def test_funders_audit_log_and_follow_up_pages_have_no_serious_violation(axe_page):  # noqa: F811
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    director = UserFactory(username="directrice", first_name="Claire", last_name="Lefebvre")
    MembershipFactory(user=director, team=None, organisation=commune.team.organisation, role=Role.DIRECTOR)
    Funder.objects.create(organisation=commune.team.organisation, name="Département", level="departement")
    page = axe_page
    _sign_in(page, "directrice")
    urls = ["/acces/journal/", "/referentiels/financeurs/", "/referentiels/financeurs/nouveau/"]
    urls += ["/referentiels/", "/jeunes/a-revoir/reglage/"]
    failures = {}
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            page.goto(url)
            assert page.title(), url
            if found := _violations(page):
                failures[f"{url} @{width}px"] = found
    assert not failures, "\n".join(f"{url}: {found}" for url, found in failures.items())
