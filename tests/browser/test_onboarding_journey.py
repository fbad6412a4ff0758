"""A new association, from an empty Carnet to its first bilan, on a phone: the installer sets it
up on the first-run page and invites a team leader, who chooses a password through the link,
imports the team's youths (dry run, then import), then a second educator's file whose Célia may
be the recorded one (a possible duplicate, resolved on the dry-run page), and opens the bilan."""

import re
import time

import pytest
from playwright.sync_api import expect

from carnet.access.models import Membership, Role, User
from carnet.youths.models import Youth
from tests.browser.conftest import screenshot
from tests.imports.conftest import csv_bytes
from tests.second_factor import confirmed_device_for, give_the_code

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "une-phrase-de-passe-solide"


def _section(page, name: str):
    return page.locator(f"form:has(input[name='section'][value='{name}'])")


def test_an_administrator_sets_up_an_association_whose_team_leader_imports_and_opens_the_bilan(
    phone_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    installer = User.objects.create_superuser("installateur", password="phrase-de-passe-installateur")
    device = confirmed_device_for(installer)  # a superuser always gives a second factor
    youths = tmp_path / "jeunes.csv"
    youths.write_bytes(
        csv_bytes(
            [
                ["N°", "Prénom", "Sexe", "Né(e) le", "Commune", "Quartier", "Origine"],
                ["L1", "Célia", "F", "28/08/2009", "Lens", "Grande Résidence", "Présence sociale"],
                ["L2", "Yanis", "G", "14/02/2008", "Liévin", "", "Partenaire"],
                ["L3", "Inès", "F", "03/05/2010", "Lens", "", "Tiers"],
            ]
        )
    )
    other_file = tmp_path / "jeunes-sofiane-celia.csv"
    other_file.write_bytes(
        csv_bytes(
            [
                ["Prénom", "Sexe", "Date de naissance", "Commune"],
                ["Célia", "F", "25/02/2009", "Lens"],
                ["Sofiane", "Garçon", "2007", "Liévin"],
            ]
        )
    )
    page = phone_page
    started = time.monotonic()

    page.goto("/connexion/")
    page.get_by_label("Nom d’utilisateur").fill("installateur")
    page.get_by_label("Mot de passe").fill("phrase-de-passe-installateur")
    page.get_by_role("button", name="Se connecter").click()
    give_the_code(page, device)
    page.wait_for_url("**/mise-en-route/")
    page.get_by_label("Nom de l'association").fill("Prévention Lens-Liévin")
    page.get_by_role("button", name="Créer l'association").click()
    expect(page.get_by_role("heading", name="Mise en route de Prévention Lens-Liévin")).to_be_visible()

    team_form = _section(page, "team")
    team_form.get_by_label("Nom de l'équipe").fill("Équipe de Lens et Liévin")
    team_form.get_by_label("Sigle").fill("EPLL")
    team_form.get_by_role("button", name="Ajouter l'équipe").click()
    for name, code in (("Lens", "62498"), ("Liévin", "62510")):
        commune_form = _section(page, "commune")
        commune_form.get_by_label("Équipe").select_option(label="Équipe de Lens et Liévin")
        commune_form.get_by_label("Commune").fill(name)
        commune_form.get_by_label("Code INSEE").fill(code)
        commune_form.get_by_role("button", name="Ajouter la commune").click()
        expect(page.get_by_text(f"Commune « {name} » ajoutée.")).to_be_visible()
    quartier_form = _section(page, "quartier")
    quartier_form.get_by_label("Commune").select_option(label="Lens")
    quartier_form.get_by_role("textbox", name="Quartier", exact=True).fill("Grande Résidence")
    quartier_form.get_by_label("Quartier prioritaire").check()
    quartier_form.get_by_role("button", name="Ajouter le quartier").click()
    funder_form = _section(page, "funder")
    funder_form.get_by_label("Financeur").fill("Département du Pas-de-Calais")
    funder_form.get_by_label("Niveau").select_option(label="Département")
    funder_form.get_by_label("Équipe de Lens et Liévin").check()
    funder_form.get_by_role("button", name="Ajouter le financeur").click()
    invite_form = _section(page, "invite")
    invite_form.get_by_label("Prénom").fill("Claire")
    invite_form.get_by_label("Nom", exact=True).fill("Dupont")
    invite_form.get_by_label("Rôle").select_option(label="Chef·fe de service")
    invite_form.get_by_label("Équipe").select_option(label="Équipe de Lens et Liévin")
    invite_form.get_by_role("button", name="Inviter").click()
    message = page.get_by_text("Invitation de Claire Dupont").inner_text()
    screenshot(page, "onboarding-setup")
    link = re.search(r"http://\S+/invitation/\S+/", message).group(0)
    page.get_by_role("link", name="Comptes", exact=True).click()
    expect(page.get_by_text("invitation en attente")).to_be_visible()
    screenshot(page, "onboarding-accounts")
    page.get_by_role("button", name="Déconnexion").click()
    # Signing out first empties what the phone keeps (offline.js), then leaves.
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()

    page.goto(link)
    expect(page.get_by_text("Votre identifiant : claire.dupont")).to_be_visible()
    page.locator("#id_new_password1").fill(PASSWORD)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Enregistrer et entrer").click()
    expect(page.get_by_text("Bienvenue ! Votre mot de passe est enregistré.")).to_be_visible()

    page.goto("/imports/")
    page.get_by_label("Fichier (CSV, XLSX").set_input_files(str(youths))
    page.get_by_label("Ce que contient le fichier").select_option("youths")
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.get_by_role("heading", name="Essai à blanc")).to_be_visible()
    expect(page.get_by_text("Toutes les lignes sont acceptées.")).to_be_visible()
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_text("Import terminé : jeunes.csv, 3 ligne(s).")).to_be_visible()
    page.goto("/imports/")
    page.get_by_label("Fichier (CSV, XLSX").set_input_files(str(other_file))
    page.get_by_label("Ce que contient le fichier").select_option("youths")
    page.get_by_role("button", name="Lire le fichier").click()
    expect(page.get_by_role("heading", name="Doublons possibles")).to_be_visible()
    expect(page.get_by_role("cell", name="28/08/2009")).to_be_visible()
    expect(page.get_by_role("button", name="Importer", exact=True)).to_have_count(0)
    screenshot(page, "onboarding-possible-duplicate")
    page.get_by_label("un autre jeune (nouvelle fiche)").first.check()
    page.get_by_role("button", name="Vérifier à nouveau (essai à blanc)").click()
    expect(page.get_by_text("Toutes les lignes sont acceptées.")).to_be_visible()
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_text("Import terminé : jeunes-sofiane-celia.csv, 2 ligne(s).")).to_be_visible()
    page.get_by_role("link", name="Bilans").click()
    page.get_by_role("button", name="Calculer le bilan").click()
    expect(page.get_by_role("heading", name="L’essentiel")).to_be_visible()
    elapsed = time.monotonic() - started
    screenshot(page, "onboarding-bilan")

    print(f"\nOnboarding, from an empty Carnet to the team leader's bilan: {elapsed:.1f} s")
    assert Youth.objects.filter(team__short_name="EPLL").count() == 5
    assert Youth.objects.filter(team__short_name="EPLL", first_name="Célia").count() == 2
    assert Membership.objects.get(user__username="claire.dupont").role == Role.TEAM_LEADER
    assert User.objects.get(username="claire.dupont").has_usable_password()
