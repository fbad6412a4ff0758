"""Recording an intervention with a youth."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.activity import services
from carnet.activity.models import InterventionKind
from carnet.referentials.models import Domain
from tests.factories import (
    InterventionFactory,
    OrganisationFactory,
    PartnerFactory,
    YouthFactory,
    referential,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def youth(commune):
    return YouthFactory(commune=commune, first_name="Inès")


def _domains(organisation, *codes):
    return [referential(Domain, organisation, code) for code in codes]


def test_intervention_belongs_to_the_team_of_its_youth(youth, organisation, educator):
    intervention = services.intervention_create(
        youth=youth,
        date=D(2024, 5, 14),
        kind=InterventionKind.STEP,
        domains=_domains(organisation, "scolarite", "famille"),
        note="Rendez-vous au collège.",
        educators=[educator],
    )
    assert intervention.team == youth.team
    assert sorted(d.code for d in intervention.domains.all()) == ["famille", "scolarite"]
    assert list(intervention.educators.all()) == [educator]


def test_intervention_without_a_domain_is_refused(youth):
    with pytest.raises(ValidationError) as error:
        services.intervention_create(youth=youth, date=D(2024, 5, 14), domains=[])
    assert error.value.message_dict["domains"] == ["Choisissez au moins un domaine."]


def test_note_longer_than_280_characters_is_refused(youth, organisation):
    with pytest.raises(ValidationError) as error:
        services.intervention_create(
            youth=youth, date=D(2024, 5, 14), domains=_domains(organisation, "sante"), note="x" * 281
        )
    assert "note" in error.value.message_dict


def test_partner_of_another_organisation_cannot_be_mobilised(youth, organisation):
    foreign = PartnerFactory(organisation=OrganisationFactory(name="Autre asso"))
    with pytest.raises(ValidationError) as error:
        services.intervention_create(
            youth=youth, date=D(2024, 5, 14), domains=_domains(organisation, "loisirs"), partners=[foreign]
        )
    assert "partners" in error.value.message_dict


def test_domain_of_another_organisation_is_refused(youth):
    foreign = _domains(OrganisationFactory(name="Autre asso"), "justice")
    with pytest.raises(ValidationError) as error:
        services.intervention_create(youth=youth, date=D(2024, 5, 14), domains=foreign)
    assert "domains" in error.value.message_dict


def test_updating_an_intervention_keeps_its_domains_when_not_given(youth):
    intervention = InterventionFactory(youth=youth, domains=["mobilite"])
    services.intervention_update(
        intervention=intervention, version=intervention.version, note="Permis : inscription faite."
    )
    intervention.refresh_from_db()
    assert intervention.note == "Permis : inscription faite."
    assert [d.code for d in intervention.domains.all()] == ["mobilite"]


def test_removing_every_domain_of_an_intervention_is_refused(youth):
    intervention = InterventionFactory(youth=youth, domains=["mobilite"])
    with pytest.raises(ValidationError):
        services.intervention_update(intervention=intervention, version=intervention.version, domains=[])
    assert intervention.domains.count() == 1


def test_deleting_an_intervention_removes_it(youth):
    intervention = InterventionFactory(youth=youth, domains=["famille"])
    services.intervention_delete(intervention=intervention)
    assert not youth.interventions.exists()
