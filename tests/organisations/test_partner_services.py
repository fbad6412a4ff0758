"""Partners of an organisation: added, renamed, retired; never deleted while a record names them."""

import pytest
from django.core.exceptions import ValidationError

from carnet.organisations import services
from carnet.organisations.models import Partner, PartnerType
from tests.factories import CommuneFactory, InterventionFactory, PartnerFactory, YouthFactory

pytestmark = pytest.mark.django_db


def test_partner_is_added_to_the_organisation(organisation, commune):
    partner = services.partner_create(
        organisation=organisation,
        name="Collège Youri Gagarine",
        partner_type=PartnerType.SCHOOL,
        commune=commune,
    )
    assert partner.organisation == organisation and partner.is_active


def test_two_partners_cannot_share_a_name_whatever_its_case(organisation):
    PartnerFactory(organisation=organisation, name="Mission locale")
    with pytest.raises(ValidationError) as error:
        services.partner_create(
            organisation=organisation, name="mission  LOCALE", partner_type=PartnerType.EMPLOYMENT
        )
    assert error.value.message_dict["name"] == ["Un partenaire porte déjà ce nom."]


def test_partner_commune_must_be_covered_by_the_organisation(organisation):
    elsewhere = CommuneFactory()
    with pytest.raises(ValidationError) as error:
        services.partner_create(
            organisation=organisation, name="MJC", partner_type=PartnerType.ASSOCIATION, commune=elsewhere
        )
    assert "commune" in error.value.message_dict


def test_partner_is_marked_inactive(organisation):
    partner = PartnerFactory(organisation=organisation)
    services.partner_update(partner=partner, version=partner.version, is_active=False)
    partner.refresh_from_db()
    assert not partner.is_active


def test_unused_partner_is_deleted(organisation):
    partner = PartnerFactory(organisation=organisation)
    services.partner_delete(partner=partner)
    assert not Partner.objects.filter(pk=partner.pk).exists()


def test_partner_named_in_an_intervention_is_not_deleted(organisation, commune):
    partner = PartnerFactory(organisation=organisation)
    intervention = InterventionFactory(youth=YouthFactory(commune=commune), domains=["insertion-pro"])
    intervention.partners.add(partner)
    with pytest.raises(ValidationError) as error:
        services.partner_delete(partner=partner)
    assert "Marquez-le plutôt comme inactif." in error.value.messages[0]
    assert Partner.objects.filter(pk=partner.pk).exists()
