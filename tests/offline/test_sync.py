"""The phone sends an entry it kept: the same page and form as any entry, a JSON answer."""

import uuid

import pytest
from django.urls import reverse

from carnet.activity.models import Intervention, PresenceSession
from carnet.referentials.models import Domain, PresenceKind
from carnet.youths.models import Youth
from tests.factories import CommuneFactory, TeamFactory, YouthFactory, referential

pytestmark = pytest.mark.django_db

SYNC = {"HTTP_X_CARNET_SYNC": "1"}
INTERVENTION = reverse("activity:intervention_create")
YOUTH = reverse("youths:create")


def _intervention(youth, client_uuid, **fields):
    return {
        "youth": youth,
        "date": "2026-12-03",
        "kind": "interview",
        "domains": [referential(Domain, fields.pop("organisation"), "famille").pk],
        "client_uuid": str(client_uuid),
        **fields,
    }


def test_an_entry_sent_twice_answers_the_same_record_and_is_stored_once(educator_client, youth):
    data = _intervention(youth.pk, uuid.uuid4(), organisation=youth.team.organisation)
    first = educator_client.post(INTERVENTION, data, **SYNC)
    again = educator_client.post(INTERVENTION, data, **SYNC)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] == Intervention.objects.get().pk
    assert Intervention.objects.get().created_by.first_name == "Sam"


def test_a_refused_entry_answers_every_reason_naming_its_field(educator_client, youth):
    data = {"youth": youth.pk, "date": "", "kind": "interview", "client_uuid": str(uuid.uuid4())}
    response = educator_client.post(INTERVENTION, data, **SYNC)
    assert response.status_code == 422
    assert response.json()["reasons"] == [
        "Date : Ce champ est obligatoire.",
        "Domaines : Choisissez au moins un domaine.",
    ]
    assert not Intervention.objects.exists()


def test_an_entry_names_a_youth_created_on_the_phone_once_that_youth_has_arrived(educator_client, commune):
    youth_entry = uuid.uuid4()
    data = _intervention(f"client:{youth_entry}", uuid.uuid4(), organisation=commune.team.organisation)
    early = educator_client.post(INTERVENTION, data, **SYNC)
    assert early.status_code == 422
    assert early.json()["reasons"] == [
        "Jeune : Ce jeune, créé sans réseau, n'est pas encore arrivé : sa fiche doit partir d'abord."
    ]

    created = educator_client.post(
        YOUTH, {"first_name": "Nawel", "commune": commune.pk, "client_uuid": str(youth_entry)}, **SYNC
    )
    assert created.status_code == 201
    linked = educator_client.post(INTERVENTION, data, **SYNC)
    assert linked.status_code == 201
    assert Intervention.objects.get().youth == Youth.objects.get(first_name="Nawel")


def test_a_youth_named_by_another_authors_identifier_is_not_found(educator_client, client, commune):
    other = YouthFactory(commune=commune, first_name="Lucas", client_uuid=uuid.uuid4())
    data = _intervention(f"client:{other.client_uuid}", uuid.uuid4(), organisation=commune.team.organisation)
    response = educator_client.post(INTERVENTION, data, **SYNC)
    assert response.status_code == 422 and not Intervention.objects.exists()


def test_a_youth_of_another_team_is_refused_with_its_reason(educator_client, youth):
    stranger = YouthFactory(commune=CommuneFactory(team=TeamFactory(organisation=youth.team.organisation)))
    data = _intervention(stranger.pk, uuid.uuid4(), organisation=youth.team.organisation)
    response = educator_client.post(INTERVENTION, data, **SYNC)
    assert response.json()["reasons"] == ["Jeune : Ce jeune n'est pas suivi par votre équipe."]


def test_a_youth_sent_again_is_not_its_own_duplicate(educator_client, commune):
    data = {
        "first_name": "Nawel",
        "birth_year": "2010",
        "commune": commune.pk,
        "client_uuid": str(uuid.uuid4()),
    }
    assert educator_client.post(YOUTH, data, **SYNC).status_code == 201
    again = educator_client.post(YOUTH, data, **SYNC)
    assert again.status_code == 201 and Youth.objects.count() == 1


def test_a_likely_duplicate_youth_is_refused_with_what_to_do(educator_client, youth):
    youth.birth_year = 2010
    youth.save()
    data = {
        "first_name": "ines",
        "birth_year": "2010",
        "commune": youth.commune.pk,
        "client_uuid": str(uuid.uuid4()),
    }
    response = educator_client.post(YOUTH, data, **SYNC)
    assert response.status_code == 422
    [reason] = response.json()["reasons"]
    assert "Inès « Nénette »" in reason and "Ce n'est pas la même personne" in reason
    assert Youth.objects.count() == 1


def test_a_presence_session_sent_from_the_phone(educator_client, team):
    data = {
        "team": team.pk,
        "date": "2026-12-03",
        "duration": "120",
        "kind": referential(PresenceKind, team.organisation, "rue").pk,
        "youths_met": "5",
        "client_uuid": str(uuid.uuid4()),
    }
    response = educator_client.post(reverse("activity:presence_create"), data, **SYNC)
    assert response.status_code == 201
    assert response.json()["url"] == f"{reverse('activity:presence_list')}?enregistre={response.json()['id']}"
    assert PresenceSession.objects.get().youths_met == 5


def test_an_expired_session_sends_the_phone_to_the_login_page(client, youth):
    data = _intervention(youth.pk, uuid.uuid4(), organisation=youth.team.organisation)
    response = client.post(INTERVENTION, data, **SYNC)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not Intervention.objects.exists()


def test_a_page_save_without_the_header_still_redirects_to_the_list(educator_client, youth):
    data = _intervention(youth.pk, uuid.uuid4(), organisation=youth.team.organisation)
    response = educator_client.post(INTERVENTION, data)
    assert response.status_code == 302 and "enregistre=" in response.url
