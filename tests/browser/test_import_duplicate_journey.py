"""A team leader imports a second file of youths: the dry run shows a possible duplicate beside
the recorded youth; she says it is another youth, and the import creates her."""

import datetime

import pytest
from playwright.sync_api import expect

from carnet.access.models import Role
from carnet.youths.models import Youth
from tests.browser.conftest import screenshot
from tests.factories import CommuneFactory, MembershipFactory, UserFactory, YouthFactory
from tests.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_possible_duplicate_is_resolved_on_the_dry_run_page(desktop_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lens = CommuneFactory(name="Lens")
    user = UserFactory(username="claire", first_name="Claire")
    MembershipFactory(user=user, team=lens.team, role=Role.TEAM_LEADER)
    recorded = YouthFactory(
        team=lens.team,
        commune=lens,
        first_name="Célia",
        sex="F",
        birth_date=datetime.date(2009, 8, 28),
        birth_year=2009,
    )
    path = tmp_path / "jeunes.csv"
    path.write_bytes(
        csv_bytes(
            [
                ["Prénom", "Sexe", "Date de naissance", "Commune"],
                ["Célia", "F", "25/02/2009", "Lens"],
                ["Yanis", "Garçon", "2007", "Lens"],
            ]
        )
    )
    page = desktop_page

    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("claire")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.goto("/imports/")
    page.get_by_label("Fichier (CSV, XLSX").set_input_files(str(path))
    page.get_by_role("button", name="Lire le fichier").click()

    expect(page.get_by_role("heading", name="Doublons possibles")).to_be_visible()
    expect(page.get_by_role("columnheader", name=f"Jeune n° {recorded.pk}")).to_be_visible()
    expect(page.get_by_role("cell", name="28/08/2009")).to_be_visible()
    expect(page.get_by_role("cell", name="25/02/2009")).to_be_visible()
    expect(page.get_by_role("cell", name="année de naissance", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Importer", exact=True)).to_have_count(0)
    screenshot(page, "import-possible-duplicate")

    page.get_by_label("un autre jeune (nouvelle fiche)").first.check()
    page.get_by_role("button", name="Vérifier à nouveau (essai à blanc)").click()
    expect(page.get_by_text("Toutes les lignes sont acceptées.")).to_be_visible()
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_text("Import terminé : jeunes.csv, 2 ligne(s).")).to_be_visible()
    assert Youth.objects.filter(first_name="Célia").count() == 2
    assert Youth.objects.get(first_name="Yanis").birth_year == 2007
