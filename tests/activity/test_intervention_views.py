"""The intervention pages: quick entry from a youth, list per team, change and deletion."""

import datetime

import pytest
from django.urls import reverse

from carnet.activity.models import Intervention
from carnet.referentials.models import Domain
from tests.factories import CommuneFactory, InterventionFactory, PartnerFactory, YouthFactory, referential

pytestmark = pytest.mark.django_db

CREATE = reverse("activity:intervention_create")


@pytest.fixture
def youth(commune):
    return YouthFactory(commune=commune, first_name="Inès", nickname="Nénette")


def _domain(organisation, code):
    return referential(Domain, organisation, code).pk


def _post(client, for_youth, url=CREATE, **fields):
    organisation = for_youth.team.organisation
    data = {
        "youth": for_youth.pk,
        "date": "2024-05-14",
        "kind": "interview",
        "domains": [_domain(organisation, "scolarite"), _domain(organisation, "famille")],
        **fields,
    }
    return client.post(url, data)


def test_intervention_form_opens_with_the_youth_of_the_link(educator_client, youth):
    response = educator_client.get(CREATE, {"youth": youth.pk})
    picker = response.context["form"].pickers["youth"]
    assert picker.selected == [youth]
    assert f'type="radio" name="youth" value="{youth.pk}" checked' in response.content.decode()


def test_link_with_a_youth_of_another_team_chooses_nobody(educator_client, other_team):
    stranger = YouthFactory(commune=CommuneFactory(team=other_team), first_name="Inconnu")
    response = educator_client.get(CREATE, {"youth": stranger.pk})
    assert response.context["form"].pickers["youth"].selected == []
    assert "Inconnu" not in response.content.decode()


def test_note_reminder_is_shown_under_the_note(educator_client):
    html = educator_client.get(CREATE).content.decode()
    assert "Notes courtes et factuelles : aucun récit d&#x27;infraction ni détail de santé." in html
    assert 'maxlength="280"' in html


def test_educator_records_an_intervention_and_finds_it_in_the_list(
    educator_client, educator, youth, organisation
):
    partner = PartnerFactory(organisation=organisation, name="Collège Youri Gagarine")
    response = _post(educator_client, youth, partners=[partner.pk], educators=[educator.pk], note="RDV CPE.")
    intervention = Intervention.objects.get()
    assert response["Location"] == f"{reverse('activity:intervention_list')}?enregistre={intervention.pk}"
    assert list(intervention.partners.all()) == [partner]
    listing = educator_client.get(response["Location"]).content.decode()
    assert "Intervention enregistrée." in listing and "Inès « Nénette »" in listing and "Scolarité" in listing


def test_intervention_without_a_domain_asks_for_one(educator_client, youth):
    response = _post(educator_client, youth, domains=[])
    assert response.status_code == 200
    assert response.context["form"].errors["domains"] == ["Choisissez au moins un domaine."]
    assert "Choisissez au moins un domaine." in response.content.decode()


def test_intervention_without_a_youth_asks_for_one(educator_client, youth):
    response = _post(educator_client, youth, youth="")
    assert response.context["form"].errors["youth"] == ["Choisissez un jeune."]


def test_youth_of_another_team_tampered_into_the_post_is_a_field_error(educator_client, youth, other_team):
    stranger = YouthFactory(commune=CommuneFactory(team=other_team))
    response = _post(educator_client, youth, youth=stranger.pk)
    assert response.status_code == 200
    assert response.context["form"].errors["youth"] == ["Ce jeune n'est pas suivi par votre équipe."]
    assert not Intervention.objects.exists()


def test_nonsense_youth_id_is_a_field_error_not_a_crash(educator_client, youth):
    response = _post(educator_client, youth, youth="abc")
    assert response.status_code == 200 and "youth" in response.context["form"].errors


def test_note_over_280_characters_is_explained(educator_client, youth):
    response = _post(educator_client, youth, note="x" * 281)
    assert "note" in response.context["form"].errors


def test_educator_edits_an_intervention(educator_client, youth, organisation):
    intervention = InterventionFactory(youth=youth, domains=["sante"])
    url = reverse("activity:intervention_update", args=[intervention.pk])
    assert educator_client.get(url).context["form"]["domains"].value() == [_domain(organisation, "sante")]
    _post(
        educator_client,
        youth,
        url=url,
        domains=[_domain(organisation, "mobilite")],
        version=intervention.version,
    )
    assert [d.code for d in intervention.domains.all()] == ["mobilite"]


def test_educator_of_another_team_cannot_edit_an_intervention(educator_client, other_team):
    intervention = InterventionFactory(youth=YouthFactory(commune=CommuneFactory(team=other_team)))
    assert (
        educator_client.get(reverse("activity:intervention_update", args=[intervention.pk])).status_code
        == 404
    )


def test_intervention_is_deleted_after_confirmation(educator_client, youth):
    intervention = InterventionFactory(youth=youth, domains=["famille"])
    url = reverse("activity:intervention_delete", args=[intervention.pk])
    assert educator_client.get(url).status_code == 200
    assert educator_client.post(url).status_code == 302
    assert not Intervention.objects.exists()


def test_intervention_list_is_newest_first(educator_client, youth):
    old = InterventionFactory(youth=youth, date=datetime.date(2023, 1, 5), domains=["famille"])
    new = InterventionFactory(youth=youth, date=datetime.date(2024, 1, 5), domains=["famille"])
    response = educator_client.get(reverse("activity:intervention_list"))
    assert list(response.context["page"]) == [new, old]


def test_the_error_summary_names_every_field_to_correct(educator_client):
    page = educator_client.post(CREATE, {"date": "", "kind": "interview"}).content.decode()
    summary = page.split('class="error-summary"', 1)[1].split("</ul>", 1)[0]
    assert "Jeune : Choisissez un jeune." in summary
    assert "Date : Ce champ est obligatoire." in summary
    assert "Domaines : Choisissez au moins un domaine." in summary
