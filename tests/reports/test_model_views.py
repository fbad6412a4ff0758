"""A team leader chooses a report's model, writes with live figures, and manages the models."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from carnet.access.models import Role
from carnet.reports.models import IssuedReport, OrganisationReportModel, ReportDraft
from tests.factories import InterventionFactory, MembershipFactory, YouthFactory
from tests.reports.renderers.extract import docx_lines, html_lines, odt_lines, pdf_lines

READERS = {"html": html_lines, "pdf": pdf_lines, "docx": docx_lines, "odt": odt_lines}

pytestmark = pytest.mark.django_db

QUERY = {"start": "2023-05-09", "end": "2023-12-31"}


@pytest.fixture
def leader_client(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    return client


@pytest.fixture
def records(commune):
    for first_name in ("Inès", "Yanis"):
        youth = YouthFactory(commune=commune, first_name=first_name, birth_year=2010)
        InterventionFactory(youth=youth)


def query(team) -> str:
    return f"team={team.pk}&start={QUERY['start']}&end={QUERY['end']}"


def test_choosing_the_departement_model_lays_the_page_out_and_says_what_is_missing(
    leader_client, team, records
):
    response = leader_client.post(
        f"{reverse('reports:model_update')}?{query(team)}", {"model": "departement"}
    )
    assert response.status_code == 302
    assert ReportDraft.objects.get().model == "departement"
    html = leader_client.get(f"{reverse('reports:page')}?{query(team)}").content.decode()
    assert "Le temps de l&#x27;équipe" in html
    assert "Jeunes au regard du public cible du département (11–18 ans)" in html
    assert "Familles rencontrées" in html and "Carnet n’enregistre pas les familles rencontrées" in html


def test_a_sentence_with_two_live_figures_reads_their_values_in_french(leader_client, team, records):
    url = f"{reverse('reports:section_edit', args=['perspectives'])}?{query(team)}"
    text = "Nous suivons {youths_in_contact:nombre} jeunes ; nous en avons rencontré {youths}."
    assert leader_client.post(url, {"text": text}).status_code == 302
    html = leader_client.get(f"{reverse('reports:page')}?{query(team)}").content.decode()
    assert "Nous suivons 0 jeunes ; nous en avons rencontré 2 jeunes." in html


def test_an_unknown_live_figure_is_refused_and_named(leader_client, team):
    url = f"{reverse('reports:section_edit', args=['perspectives'])}?{query(team)}"
    response = leader_client.post(url, {"text": "Nous avons vu {familles} familles."})
    assert response.status_code == 200
    assert "Chiffre inconnu dans le texte : {familles}." in response.content.decode()
    assert not ReportDraft.objects.exists()


def test_the_section_form_lists_the_figures_with_their_current_values(leader_client, team, records):
    url = f"{reverse('reports:section_edit', args=['perspectives'])}?{query(team)}"
    html = leader_client.get(url).content.decode()
    assert 'data-insert-token="{youths}"' in html
    assert "Jeunes rencontrés dans la période : <strong>2 jeunes</strong>" in html


def test_an_issued_report_keeps_the_values_of_its_live_figures(leader_client, team, commune, records):
    url = f"{reverse('reports:section_edit', args=['perspectives'])}?{query(team)}"
    leader_client.post(url, {"text": "Nous avons rencontré {youths}."})
    leader_client.post(f"{reverse('reports:issue')}?{query(team)}", {"audience": "internal"})
    issued = IssuedReport.objects.get()
    YouthFactory(commune=commune, first_name="Nouveau", birth_year=2009)

    frozen = json.loads(
        leader_client.get(reverse("reports:issued_download", args=[issued.pk, "json"])).content
    )
    texts = [b["text"] for s in frozen["sections"] for b in s["blocks"] if b["type"] == "narrative"]
    assert "Nous avons rencontré 2 jeunes." in texts
    assert issued.narrative["perspectives"] == "Nous avons rencontré 2 jeunes."
    for fmt, lines in READERS.items():
        stored = leader_client.get(reverse("reports:issued_download", args=[issued.pk, fmt])).content
        assert "Nous avons rencontré 2 jeunes." in " ".join(lines(stored)), fmt
    page = leader_client.get(f"{reverse('reports:page')}?{query(team)}").content.decode()
    assert "Nous avons rencontré 3 jeunes." in page


def test_a_team_leader_copies_a_model_edits_it_and_uploads_another(leader_client):
    response = leader_client.post(reverse("reports:model_copy", args=["commune"]))
    copy = OrganisationReportModel.objects.get()
    assert response.status_code == 302 and copy.name == "Note à la commune (copie)"
    source = copy.source.replace("Faits marquants à {territoire}", "Ce qui a marqué l'année")
    response = leader_client.post(reverse("reports:model_detail", args=[copy.slug]), {"source": source})
    assert response.status_code == 302
    assert "Ce qui a marqué l'année" in OrganisationReportModel.objects.get().source

    bad = leader_client.post(reverse("reports:model_detail", args=[copy.slug]), {"source": "name = "})
    assert "n’est pas un fichier TOML valide" in bad.content.decode()

    upload = SimpleUploadedFile("caf.toml", source.replace("(copie)", "CAF").encode())
    response = leader_client.post(reverse("reports:model_upload"), {"file": upload})
    assert response.status_code == 302
    assert OrganisationReportModel.objects.count() == 2
    listing = leader_client.get(reverse("reports:model_list")).content.decode()
    assert "Note à la commune CAF" in listing and "Bilan ANCT" in listing


def test_an_educator_cannot_manage_models(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.EDUCATOR).user)
    assert client.get(reverse("reports:model_list")).status_code == 403


def test_a_report_naming_a_funder_takes_the_model_it_expects(leader_client, team, organisation, records):
    from carnet.organisations.models import Funder

    departement = Funder.objects.create(
        organisation=organisation, name="Département du Pas-de-Calais", level="departement"
    )
    response = leader_client.post(
        reverse("reports:funder_model_update", args=[departement.pk]),
        {f"{departement.pk}-model": "departement"},
    )
    assert response.status_code == 302
    leader_client.post(f"{reverse('reports:funders_update')}?{query(team)}", {"funders": [departement.pk]})
    html = leader_client.get(f"{reverse('reports:page')}?{query(team)}").content.decode()
    assert "Le temps de l&#x27;équipe" in html
    # The team may still choose another model for this report.
    leader_client.post(f"{reverse('reports:model_update')}?{query(team)}", {"model": "commune"})
    assert (
        "Le temps de l&#x27;équipe"
        not in leader_client.get(f"{reverse('reports:page')}?{query(team)}").content.decode()
    )
