"""The director's privacy pages: archive, subject access, erasure, register and DPIA."""

import datetime
import json

import pytest
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent, Role
from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.privacy.services import apply_retention
from carnet.youths.models import Youth
from tests import factories

from .conftest import TODAY, days_ago, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def inès(commune):
    youth = factories.YouthFactory(commune=commune, first_name="Inès", last_name="Durand")
    intervention = factories.InterventionFactory(youth=youth, domains=["famille", "scolarite"])
    intervention.note = "Inscription au collège"
    intervention.save()
    intervention.partners.add(factories.PartnerFactory(organisation=commune.team.organisation, name="PRE"))
    period = factories.AccompanimentPeriodFactory(youth=youth)
    factories.PaeiGoalFactory(period=period, text="Retour en classe")
    factories.SituationChangeFactory(youth=youth)
    factories.CollectiveActionFactory(team=commune.team, title="Sortie mer").participants.add(youth)
    factories.PresenceSessionFactory(team=commune.team).known_youths.add(youth)
    return youth


def test_the_subject_access_json_holds_everything_including_the_interventions(director_client, inès):
    response = director_client.get(reverse("privacy:youth_export_json", args=[inès.pk]))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["jeune"]["prenom"] == "Inès" and data["jeune"]["nom"] == "Durand"
    (intervention,) = data["interventions"]
    assert intervention["note"] == "Inscription au collège"
    assert sorted(intervention["domaines"]) == ["Famille", "Scolarité"]
    assert intervention["partenaires"] == ["PRE"]
    assert data["accompagnements"][0]["objectifs"][0]["objectif"] == "Retour en classe"
    assert data["actions_collectives"][0]["intitule"] == "Sortie mer"
    assert len(data["presences_sociales"]) == 1 and len(data["situations"]) == 1
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, target_id=str(inès.pk)).exists()


def test_the_subject_access_pdf_is_a_pdf_and_is_logged(director_client, inès):
    response = director_client.get(reverse("privacy:youth_export_pdf", args=[inès.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, target_id=str(inès.pk)).count() == 1


def test_erasing_removes_the_youth_and_logs_erase_without_the_name(director_client, inès):
    url = reverse("privacy:youth_erase", args=[inès.pk])
    page = director_client.get(url).content.decode()
    assert "chiffres des bilans des périodes passées changeront" in page
    pk = inès.pk
    response = director_client.post(url)
    assert response.status_code == 302
    assert not Youth.objects.filter(pk=pk).exists()
    assert not Intervention.objects.filter(youth_id=pk).exists()
    assert CollectiveAction.objects.filter(title="Sortie mer").exists()
    assert PresenceSession.objects.count() == 1
    event = AuditEvent.objects.get(action=AuditAction.ERASE)
    assert event.target_id == str(pk)
    logged = json.dumps(event.changes, ensure_ascii=False) + event.target_label
    assert "Inès" not in logged and "Durand" not in logged and "collège" not in logged
    assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()


def test_the_archive_lists_archived_youths_and_logs_each_file_read(director_client, commune):
    old = factories.YouthFactory(commune=commune, first_name="Ancien", first_contact_date=days_ago(900))
    factories.YouthFactory(commune=commune, first_name="Récent", first_contact_date=TODAY)
    apply_retention(now=moment(TODAY))
    page = director_client.get(reverse("privacy:archive")).content.decode()
    assert "Ancien" in page and "Récent" not in page
    assert director_client.get(reverse("privacy:youth", args=[old.pk])).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.READ, target_id=str(old.pk)).exists()


def test_an_archived_youth_is_not_found_on_the_usual_youth_pages(client, commune):
    old = factories.YouthFactory(commune=commune, first_contact_date=datetime.date(2000, 1, 1))
    apply_retention(now=moment(TODAY))
    client.force_login(factories.MembershipFactory(team=commune.team, role=Role.EDUCATOR).user)
    assert client.get(reverse("youths:detail", args=[old.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.EDUCATOR, Role.TEAM_LEADER])
def test_only_a_director_reaches_the_privacy_pages(client, commune, inès, role):
    client.force_login(factories.MembershipFactory(team=commune.team, role=role).user)
    for url in (
        reverse("privacy:index"),
        reverse("privacy:archive"),
        reverse("privacy:youth", args=[inès.pk]),
        reverse("privacy:youth_export_json", args=[inès.pk]),
        reverse("privacy:youth_erase", args=[inès.pk]),
        reverse("privacy:register"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("privacy:youth_erase", args=[inès.pk])).status_code == 403
    assert Youth.objects.filter(pk=inès.pk).exists()


def test_another_organisations_director_does_not_find_the_youth(client, inès):
    other = factories.OrganisationFactory(name="Autre association")
    factories.TeamFactory(organisation=other)
    client.force_login(factories.MembershipFactory(team=None, organisation=other, role=Role.DIRECTOR).user)
    for name in (
        "privacy:youth",
        "privacy:youth_export_json",
        "privacy:youth_export_pdf",
        "privacy:youth_erase",
    ):
        assert client.get(reverse(name, args=[inès.pk])).status_code == 404, name
    assert client.post(reverse("privacy:youth_erase", args=[inès.pk])).status_code == 404
    assert Youth.objects.filter(pk=inès.pk).exists()


def test_the_register_and_the_dpia_are_filled_from_the_organisation(director_client, organisation):
    organisation.address = "12 rue de la Gare, 62640 Montigny-en-Gohelle"
    organisation.dpo_contact = "dpo@exemple.org"
    organisation.save()
    for name in ("privacy:register", "privacy:dpia"):
        response = director_client.get(reverse(name))
        page = response.content.decode()
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
        assert organisation.name in page and "dpo@exemple.org" in page and "Montigny-en-Gohelle" in page
        assert "2 ans (730 jours)" in page and "3 ans (1095 jours)" in page and "Argon2" in page
        assert "Copie sur le téléphone des éducateurs" in page and "après 7 jours sans connexion" in page
    for name in ("privacy:register_pdf", "privacy:dpia_pdf"):
        assert director_client.get(reverse(name)).content.startswith(b"%PDF")


def test_the_index_shows_what_the_next_run_will_do_and_the_nav_links_to_it(director_client, commune):
    old = factories.YouthFactory(commune=commune, first_contact_date=datetime.date(2000, 1, 1))
    page = director_client.get(reverse("privacy:index")).content.decode()
    assert f"jeunes n° {old.pk}" in page
    assert 'href="/vie-privee/"' in page


def test_the_archive_list_and_the_erasure_page_write_their_reads_to_the_audit_log(director_client, commune):
    old, older = (
        factories.YouthFactory(commune=commune, first_name=name, first_contact_date=days_ago(days))
        for name, days in (("Ancien", 900), ("Plus ancien", 1200))
    )
    apply_retention(now=moment(TODAY))

    director_client.get(reverse("privacy:archive"))
    listed = AuditEvent.objects.get(action=AuditAction.READ, target_label__startswith="jeunes archivés")
    director_client.get(reverse("privacy:youth_erase", args=[old.pk]))

    assert sorted(listed.changes["jeunes archivés"]) == sorted([old.pk, older.pk])
    assert AuditEvent.objects.filter(action=AuditAction.READ, target_id=str(old.pk)).count() == 1
