import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.access.models import AuditEvent, Role
from carnet.onboarding.services import membership_add, membership_end
from carnet.onboarding.structure import association_create, commune_add, normalise_insee_code
from carnet.referentials.models import ActionType, AgeBracket, Modality
from tests import factories


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("62498", "62498"),
        (" 2a004 ", "2A004"),
        ("2B033", "2B033"),
        ("97411", "97411"),
        ("01001", "01001"),
        ("", ""),
    ],
)
def test_insee_codes_of_the_usual_shapes_are_accepted(typed, kept):
    assert normalise_insee_code(typed) == kept


@pytest.mark.parametrize("typed", ["6249", "624988", "20004", "00001", "96001", "97701", "2C004", "Lens"])
def test_codes_of_another_shape_are_refused(typed):
    with pytest.raises(ValidationError, match="n'est pas un code INSEE"):
        normalise_insee_code(typed)


@pytest.mark.django_db
def test_a_new_association_gets_the_default_referentials():
    organisation = association_create(name="  Prévention   Lens-Liévin ")

    assert organisation.name == "Prévention Lens-Liévin"
    assert Modality.objects.filter(organisation=organisation).count() == 3
    assert ActionType.objects.filter(organisation=organisation, code="sejour").exists()
    assert AgeBracket.objects.filter(organisation=organisation).count() == 7


@pytest.mark.django_db
def test_a_commune_named_twice_in_one_team_is_refused_whatever_its_case(team):
    commune_add(team=team, name="Lens")
    with pytest.raises(ValidationError, match="déjà couverte"):
        commune_add(team=team, name="LENS")


@pytest.mark.django_db
def test_a_role_ended_before_is_resumed_and_every_change_is_audited(team):
    membership = factories.MembershipFactory(
        team=team, role=Role.EDUCATOR, start_date=datetime.date(2024, 1, 1)
    )
    membership_end(membership=membership, by=None, end_date=datetime.date(2024, 6, 30))

    resumed = membership_add(
        organisation=team.organisation, user=membership.user, role=Role.EDUCATOR, team=team
    )

    assert resumed.pk == membership.pk and resumed.end_date is None
    changes = AuditEvent.objects.filter(target_type="access.membership", target_id=str(membership.pk))
    assert changes.filter(action="update").count() == 2


@pytest.mark.django_db
def test_a_role_held_now_is_not_given_twice(team):
    membership = factories.MembershipFactory(team=team, role=Role.EDUCATOR)
    with pytest.raises(ValidationError, match="déjà ce rôle"):
        membership_add(organisation=team.organisation, user=membership.user, role=Role.EDUCATOR, team=team)
