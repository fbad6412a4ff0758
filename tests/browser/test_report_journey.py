"""A team leader prepares the département's report: its model, the département as funder with
its logo, a sentence with two live figures; issues it and downloads it."""

import datetime
import io
import zipfile

import docx
import pytest
from django.test import override_settings
from PIL import Image
from playwright.sync_api import expect

from carnet.access.models import Role
from carnet.reports.models import IssuedReport
from tests.browser.conftest import screenshot
from tests.factories import (
    CommuneFactory,
    InterventionFactory,
    MembershipFactory,
    PresenceSessionFactory,
    UserFactory,
    YouthFactory,
)
from tests.reports.renderers.extract import pdf_lines

pytestmark = pytest.mark.django_db(transaction=True)

DEPARTEMENT_MODEL = "Rapport annuel au département — prévention spécialisée"
QUERY = "start=2023-05-09&end=2023-12-31"
SENTENCE = "Cette année, l'équipe a rencontré {youths} et assuré {presence_hours} de présence sociale."
# Three youths met, two street-presence sessions of two hours.
READ = "Cette année, l'équipe a rencontré 3 jeunes et assuré 4 heures de présence sociale."
# The Word file prints it in French typography (pdf_lines reads apostrophes straight).
PRINTED = "Cette année, l’équipe a rencontré 3 jeunes et assuré 4 heures de présence sociale."


def _records():
    commune = CommuneFactory(name="Montigny-en-Gohelle")
    for first_name in ("Inès", "Yanis", "Sofia"):
        youth = YouthFactory(commune=commune, first_name=first_name, birth_year=2010)
        InterventionFactory(youth=youth)
    for day in (2, 9):
        PresenceSessionFactory(team=commune.team, date=datetime.date(2023, 6, day), duration_minutes=120)
    return commune.team


def _logo(path):
    # A wide logo, as a département's usually is: blue, with a white band.
    image = Image.new("RGB", (320, 120), (16, 84, 160))
    image.paste((255, 255, 255), (0, 50, 320, 70))
    image.save(path)
    return path


def _sign_in(page, username):
    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")


def test_a_team_leader_prepares_issues_and_downloads_the_departements_report(desktop_page, tmp_path):
    team = _records()
    MembershipFactory(user=UserFactory(username="cheffe"), team=team, role=Role.TEAM_LEADER)
    page = desktop_page
    page.on("dialog", lambda dialog: dialog.accept())
    # Issuing renders and stores the six formats: longer than a page on a busy machine.
    page.set_default_timeout(60_000)
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        _sign_in(page, "cheffe")

        # The département joins the organisation's funders, with its logo.
        page.goto("/referentiels/financeurs/nouveau/")
        page.get_by_label("Nom").fill("Département du Pas-de-Calais")
        page.get_by_label("Niveau").select_option(label="Département")
        page.get_by_label("Logo (PNG ou JPEG, 2 Mo au plus)").set_input_files(_logo(tmp_path / "logo.png"))
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_text("Financeur « Département du Pas-de-Calais » ajouté.")).to_be_visible()

        # The report: the département's model, the département as funder.
        page.goto(f"/bilans/?team={team.pk}&{QUERY}")
        page.get_by_label("Modèle de bilan").select_option(label=DEPARTEMENT_MODEL)
        page.get_by_role("button", name="Appliquer ce modèle").click()
        expect(page.get_by_role("heading", name="Le temps de l'équipe")).to_be_visible()
        page.get_by_label("Département du Pas-de-Calais").check()
        page.get_by_role("button", name="Enregistrer les financeurs").click()
        cover = page.locator(".report-document .funders")
        expect(cover.locator("img")).to_have_count(1)
        expect(cover.get_by_text("Département du Pas-de-Calais")).to_be_visible()

        # A sentence with two live figures, inserted from the picker.
        page.get_by_role("link", name="Rédiger « Perspectives »").click()
        text = page.locator("textarea[name=text]")
        text.fill("Cette année, l'équipe a rencontré ")
        page.locator("details.figure-picker summary").click()
        picker = page.locator("details.figure-picker li")
        picker.filter(has_text="Jeunes rencontrés dans la période").get_by_role("button").click()
        text.press("End")
        text.press_sequentially(" et assuré ")
        picker.filter(has_text="Heures de présence sociale").get_by_role("button").click()
        text.press("End")
        text.press_sequentially(" de présence sociale.")
        expect(text).to_have_value(SENTENCE)
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        expect(page.get_by_text(READ)).to_be_visible()
        screenshot(page, "report-departement-1280")

        # Issued: the figures and the sentence are frozen, every format is kept.
        page.get_by_label("Interne à l'équipe").check()
        page.get_by_role("button", name="Émettre").click()
        expect(page.get_by_text("Bilan émis : ses chiffres et ses textes sont figés.")).to_be_visible()
        issued = IssuedReport.objects.get()
        assert issued.model_name == DEPARTEMENT_MODEL
        assert issued.funder_names == ["Département du Pas-de-Calais"]

        # The PDF opens in the browser (inline); fetched with the same session.
        link = page.get_by_role("link", name="PDF", exact=True)
        pdf = page.request.get(link.get_attribute("href"))
        assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
        printed = " ".join(pdf_lines(pdf.body()))
        assert READ in printed and "Département du Pas-de-Calais" in printed
        assert "Le temps de l'équipe" in printed.replace("’", "'")

        with page.expect_download() as word_download:
            page.get_by_role("link", name="Word (DOCX)").click()
        assert word_download.value.suggested_filename.endswith(".docx")
        content = word_download.value.path().read_bytes()
        paragraphs = docx.Document(io.BytesIO(content)).paragraphs
        assert PRINTED in "\n".join(paragraph.text for paragraph in paragraphs)
        # The logo is on the cover as a picture.
        assert any(name.startswith("word/media/") for name in zipfile.ZipFile(io.BytesIO(content)).namelist())
