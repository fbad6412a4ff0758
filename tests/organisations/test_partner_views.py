"""The partner pages: educators and team leaders add partners; a partner in use is retired, not deleted."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from carnet.organisations.models import Organisation, Partner, PartnerType
from tests.factories import (
    CommuneFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PartnershipMeetingFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("activity:partner_create")


def _post(client, url=CREATE, **fields):
    data = {
        "organisation": Organisation.objects.first().pk,
        "name": "Collège Youri Gagarine",
        "partner_type": PartnerType.SCHOOL,
        "is_active": "on",
        **fields,
    }
    return client.post(url, data)


def test_educator_adds_a_partner_to_the_organisation(educator_client, organisation, commune):
    response = _post(educator_client, commune=commune.pk)
    partner = Partner.objects.get()
    assert response["Location"] == f"{reverse('activity:partner_list')}?enregistre={partner.pk}"
    assert (partner.organisation, partner.commune, partner.is_active) == (organisation, commune, True)
    assert "Collège Youri Gagarine" in educator_client.get(response["Location"]).content.decode()


def test_team_leader_adds_a_partner_too(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    assert _post(client).status_code == 302


def test_partner_name_already_taken_is_explained(educator_client, organisation):
    PartnerFactory(organisation=organisation, name="Mission locale")
    response = _post(educator_client, name="Mission Locale")
    assert response.context["form"].errors["name"] == ["Un partenaire porte déjà ce nom."]


def test_commune_of_another_organisation_tampered_into_the_post_is_a_field_error(educator_client):
    elsewhere = CommuneFactory(team=TeamFactory(organisation=OrganisationFactory(name="Autre asso")))
    response = _post(educator_client, commune=elsewhere.pk)
    assert response.status_code == 200 and "commune" in response.context["form"].errors
    assert not Partner.objects.exists()


def test_partner_is_marked_inactive_from_its_page(educator_client, organisation):
    partner = PartnerFactory(organisation=organisation, name="MJC")
    url = reverse("activity:partner_update", args=[partner.pk])
    assert educator_client.get(url).context["form"]["name"].value() == "MJC"
    _post(educator_client, url=url, name="MJC", is_active="", version=partner.version)
    partner.refresh_from_db()
    assert not partner.is_active


def test_unused_partner_is_deleted_after_confirmation(educator_client, organisation):
    partner = PartnerFactory(organisation=organisation)
    url = reverse("activity:partner_delete", args=[partner.pk])
    assert "Oui, supprimer" in educator_client.get(url).content.decode()
    assert educator_client.post(url).status_code == 302
    assert not Partner.objects.exists()


def test_deleting_a_partner_in_use_is_refused_suggesting_to_retire_it(educator_client, team, organisation):
    partner = PartnerFactory(organisation=organisation)
    PartnershipMeetingFactory(team=team).partners.add(partner)
    response = educator_client.post(reverse("activity:partner_delete", args=[partner.pk]))
    assert response.status_code == 409
    assert "Marquez-le plutôt comme inactif." in response.content.decode()
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_list_offers_no_deletion_of_a_partner_in_use(educator_client, team, organisation):
    used = PartnerFactory(organisation=organisation)
    PartnershipMeetingFactory(team=team).partners.add(used)
    free = PartnerFactory(organisation=organisation)
    html = educator_client.get(reverse("activity:partner_list")).content.decode()
    assert reverse("activity:partner_delete", args=[free.pk]) in html
    assert reverse("activity:partner_delete", args=[used.pk]) not in html


def test_partner_of_another_organisation_is_not_found(educator_client):
    foreign = PartnerFactory(organisation=OrganisationFactory(name="Autre asso"))
    assert educator_client.get(reverse("activity:partner_update", args=[foreign.pk])).status_code == 404
    assert educator_client.post(reverse("activity:partner_delete", args=[foreign.pk])).status_code == 404


def test_list_shows_only_the_partners_of_the_user_organisation(educator_client, organisation):
    mine = PartnerFactory(organisation=organisation)
    PartnerFactory(organisation=OrganisationFactory(name="Autre asso"))
    assert list(educator_client.get(reverse("activity:partner_list")).context["page"]) == [mine]


def test_funder_viewer_cannot_see_partners(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.FUNDER_VIEWER).user)
    assert client.get(reverse("activity:partner_list")).status_code == 403
    assert _post(client).status_code == 403


def test_anonymous_user_is_sent_to_the_login_page(client):
    response = client.get(reverse("activity:partner_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_organisation_the_user_is_not_in_tampered_into_the_post_is_refused(educator_client):
    foreign = OrganisationFactory(name="Autre asso")
    response = _post(educator_client, organisation=foreign.pk)
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert not Partner.objects.exists()
