"""The import page with large files (background task and progress) and whole exports."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from carnet.access.models import AuditEvent, Role
from carnet.imports import jobs
from carnet.youths.models import Youth
from tests import factories

from .conftest import csv_bytes
from .test_views import HEADER, URL

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def leader(client, team):
    user = factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    client.force_login(user)
    return user


def rows(count: int) -> list[list[str]]:
    return [[f"J{n}", f"Prénom{n}", "F", "03/04/2008", "Montigny-en-Gohelle", ""] for n in range(count)]


def post_file(client, team, name: str, content: bytes, kind: str):
    file = SimpleUploadedFile(name, content)
    return client.post(URL, {"action": "upload", "kind": kind, "team": team.pk, "file": file})


def test_a_large_file_is_checked_by_the_task_worker_and_the_page_follows_its_progress(
    client, leader, team, montigny, settings, monkeypatch
):
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(jobs, "BACKGROUND_ROWS", 10)
    response = post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *rows(30)]), "youths")
    assert response.status_code == 302
    progress_url = response["Location"]
    assert progress_url.startswith("/imports/suivi/")

    # The immediate backend ran the check already: the page shows its review.
    response = client.get(progress_url)
    assert response.context["step"] == "review"
    report = response.context["report"]
    assert (report.rows, report.created, report.ok) == (30, 30, True)
    assert not Youth.objects.exists()

    response = client.post(URL, {"token": response.context["token"], "action": "import"} | _form(response))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.context["step"] == "done"
    assert Youth.objects.count() == 30


def _form(response) -> dict:
    return {field.name: field.value() or "" for field in response.context["form"]}


def test_while_the_task_runs_htmx_gets_the_progress_bar_then_is_sent_to_the_result(
    client, leader, team, montigny, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(jobs, "BACKGROUND_ROWS", 10)
    response = post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *rows(30)]), "youths")
    progress_url = response["Location"]
    token = progress_url.rstrip("/").rsplit("/", 1)[1]

    page = client.get(progress_url)
    assert page.context["step"] == "progress"
    assert 'hx-trigger="every 1s"' in page.content.decode()

    jobs._write(jobs._progress_path(token), {"status": "running", "done": 15, "total": 30, "dry_run": True})
    partial = client.get(progress_url, headers={"HX-Request": "true"}).content.decode()
    assert '<progress max="30" value="15"' in partial and "50 %" in partial
    assert "<html" not in partial

    jobs.run(token)  # what the worker does
    finished = client.get(progress_url, headers={"HX-Request": "true"})
    assert finished["HX-Redirect"] == progress_url
    assert client.get(progress_url).context["report"].created == 30


def test_a_team_leader_downloads_the_whole_team_as_zip_and_json_and_each_export_is_logged(
    client, leader, team, montigny
):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    url = reverse("imports:export")
    archive = zipfile.ZipFile(io.BytesIO(client.get(url, {"team": team.pk, "format": "zip"}).content))
    assert "jeunes.csv" in archive.namelist() and "presences-sociales.csv" in archive.namelist()
    document = json.loads(client.get(url, {"team": team.pk, "format": "json"}).content)
    assert document["format"] == "carnet-export"
    assert [youth["Identifiant"] for youth in document["jeunes"]] == ["J1"]
    assert AuditEvent.objects.filter(target_label__startswith="Export complet").count() == 2


@pytest.mark.parametrize("team_id", ["abc", "99999999999999999999", "١"])
def test_an_export_link_naming_no_team_answers_not_found(client, leader, team_id):
    response = client.get(reverse("imports:export"), {"team": team_id})

    assert response.status_code == 404


def test_a_whole_export_is_imported_by_the_task_worker_from_the_page_after_its_dry_run(
    client, leader, team, montigny, settings
):
    settings.TASKS = IMMEDIATE
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    document = client.get(reverse("imports:export"), {"team": team.pk, "format": "json"}).content
    other = factories.TeamFactory(organisation=team.organisation)
    factories.MembershipFactory(user=leader, team=other, role=Role.TEAM_LEADER)

    response = post_file(client, other, "equipe.json", document, "package")
    assert response["Location"].startswith("/imports/suivi/")  # never read within the request
    response = client.get(response["Location"])
    assert response.context["step"] == "review_package"
    assert response.context["report"]["ok"] and not Youth.objects.filter(team=other).exists()

    response = client.post(URL, {"token": response.context["token"], "action": "import"})
    response = client.get(response["Location"])
    assert response.context["step"] == "done"
    assert Youth.objects.get(team=other).commune.name == "Montigny-en-Gohelle"


def test_a_zip_given_as_a_spreadsheet_is_refused_with_a_french_message(client, leader, team):
    response = post_file(client, team, "equipe.zip", b"PK", "youths")
    assert response.context["upload_form"].errors["kind"] == [
        "Un fichier ZIP ou JSON se dépose comme « Export complet de Carnet »."
    ]


def test_a_director_finds_the_export_page_from_the_menu_without_the_import_page(client, team):
    director = factories.MembershipFactory(team=team, role=Role.DIRECTOR).user
    client.force_login(director)
    home = client.get("/").content.decode()
    assert 'href="/imports/export/"' in home and 'href="/imports/"' not in home
    page = client.get(reverse("imports:export")).content.decode()
    assert f"?team={team.pk}&amp;format=json" in page
    assert client.get(URL).status_code == 403
