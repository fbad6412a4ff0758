"""A team leader imports a large spreadsheet: the page follows the background check with a
progress bar, shows the dry run, then the import, also run in the background."""

import pytest
from playwright.sync_api import expect

from carnet.access.models import Role
from carnet.imports import jobs
from carnet.youths.models import Youth
from tests.browser.conftest import screenshot
from tests.factories import CommuneFactory, MembershipFactory, UserFactory
from tests.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_file_shows_a_progress_bar_then_its_dry_run_then_is_imported(
    desktop_page, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    # Nothing runs the queued task but this test, standing in for the worker of `make run`.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(jobs, "BACKGROUND_ROWS", 50)
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    user = UserFactory(username="claire", first_name="Claire")
    MembershipFactory(user=user, team=commune.team, role=Role.TEAM_LEADER)
    rows = [["N°", "Prénom", "Sexe", "Commune"]]
    rows += [[f"J{n}", f"Prénom{n}", "F", "Montigny-en-Gohelle"] for n in range(120)]
    path = tmp_path / "jeunes.csv"
    path.write_bytes(csv_bytes(rows))
    page = desktop_page

    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("claire")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.goto("/imports/")
    page.get_by_label("Fichier (CSV, XLSX").set_input_files(str(path))
    page.get_by_role("button", name="Lire le fichier").click()

    expect(page.get_by_text("Vérification en cours (essai à blanc)")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("max", "120")
    screenshot(page, "import-progress")
    token = page.url.rstrip("/").rsplit("/", 1)[1]
    jobs.run(token)  # the worker's turn: htmx sees the end and loads the dry run

    expect(page.get_by_role("heading", name="Essai à blanc")).to_be_visible()
    expect(page.get_by_text("Toutes les lignes sont acceptées.")).to_be_visible()
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_text("Import en cours")).to_be_visible()
    jobs.run(token)
    expect(page.get_by_text("Import terminé : jeunes.csv, 120 ligne(s).")).to_be_visible()
    assert Youth.objects.count() == 120
