"""The installable web app: its service worker, manifest, pages kept offline and sign-out."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent, Role
from tests.factories import CommuneFactory, MembershipFactory, TeamFactory, YouthFactory

pytestmark = pytest.mark.django_db


def test_the_service_worker_is_served_at_the_root_to_anyone_and_never_cached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert 'importScripts("/static/vendor/offline/workbox.js", "/static/vendor/offline/idb.js"' in body


def test_the_service_worker_precaches_the_quick_entries_files_by_their_content(client):
    body = client.get("/sw.js").content.decode()
    config = json.loads(body.split("self.CARNET_OFFLINE = ", 1)[1].split(";\n", 1)[0])
    urls = {item["url"]: item["revision"] for item in config["precache"]}
    assert {
        "/static/activity/entries.js",
        "/static/vendor/htmx/htmx.min.js",
        "/static/offline/offline.js",
    } <= set(urls)
    assert all(len(revision) == 12 for revision in urls.values())
    assert config["entries"] == {
        "/activite/presence/nouvelle/": "presence",
        "/activite/interventions/nouvelle/": "intervention",
        "/activite/actions/nouvelle/": "action",
        "/jeunes/nouveau/": "youth",
    }


def test_the_manifest_makes_carnet_installable_with_icons_that_exist(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["display"], manifest["start_url"], manifest["scope"]) == (
        "standalone",
        "/activite/",
        "/",
    )
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]
    assert [shortcut["name"] for shortcut in manifest["shortcuts"]][-1] == "Nouveau jeune"


def test_every_page_links_the_manifest_and_the_offline_script(educator_client):
    page = educator_client.get(reverse("home")).content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert "/static/offline/offline.js" in page and 'id="outbox-badge"' in page


@pytest.mark.parametrize(
    "name",
    ["activity:presence_create", "activity:intervention_create", "activity:action_create", "youths:create"],
)
def test_the_quick_entries_may_be_kept_on_the_phone(educator_client, name):
    assert educator_client.get(reverse(name))["X-Carnet-Offline"] == "1"


def test_a_youth_file_and_a_page_opened_with_a_query_are_never_kept(educator_client, youth):
    assert "X-Carnet-Offline" not in educator_client.get(reverse("youths:detail", args=[youth.pk]))
    assert "X-Carnet-Offline" not in educator_client.get(reverse("youths:list"))
    opened_for_a_youth = educator_client.get(reverse("activity:intervention_create"), {"youth": youth.pk})
    assert "X-Carnet-Offline" not in opened_for_a_youth


def test_the_outbox_page_explains_what_the_phone_keeps(educator_client, settings):
    settings.CARNET_OFFLINE_DAYS = 5
    response = educator_client.get(reverse("offline:outbox"))
    page = response.content.decode()
    assert response["X-Carnet-Offline"] == "1"
    assert "après 5 jours sans connexion au serveur" in page
    assert "Safari efface les données d'un site resté 7 jours sans être ouvert" in page


def test_the_phone_gets_its_teams_youths_by_first_name_nickname_code_and_commune_only(
    educator_client, youth, organisation
):
    youth.last_name, youth.birth_year = "Benali", 2010
    youth.save()
    elsewhere = CommuneFactory(team=TeamFactory(organisation=organisation))
    YouthFactory(commune=elsewhere, first_name="Autre équipe")
    response = educator_client.get(reverse("offline:directory"))
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["youths"] == [
        {
            "id": youth.pk,
            "first_name": "Inès",
            "nickname": "Nénette",
            "code": "MG-014",
            "commune": youth.commune.name,
            "team": youth.team_id,
        }
    ]
    assert data["offline_days"] == 7 and "/jeunes/nouveau/" in data["pages"]
    assert "csrftoken" in response.cookies


def test_the_copy_on_the_phone_is_an_audited_read(educator_client, educator, youth):
    educator_client.get(reverse("offline:directory"))
    event = AuditEvent.objects.get(action=AuditAction.READ)
    assert event.user == educator
    assert event.target_label == "copie sur le téléphone (prénom, surnom, code, commune) : liste de 1"
    assert event.changes == {"copie sur le téléphone (prénom, surnom, code, commune)": [youth.pk]}


def test_a_role_that_records_nothing_gets_no_copy(client, organisation, youth):
    director = MembershipFactory(team=None, organisation=organisation, role=Role.DIRECTOR).user
    client.force_login(director)
    assert client.get(reverse("offline:directory")).status_code == 403


def test_signing_out_asks_the_browser_to_forget_carnets_storage(educator_client):
    response = educator_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"storage"'
