"""R14 — Partners mobilised in the period's interventions, actions and meetings."""

import datetime

import pytest

from carnet.reports.build import build_report
from carnet.reports.rules import partners_mobilised
from tests.factories import (
    CollectiveActionFactory,
    CommuneFactory,
    InterventionFactory,
    PartnerFactory,
    PartnershipMeetingFactory,
    YouthFactory,
)

from .conftest import END

pytestmark = pytest.mark.django_db


def partner(organisation, name):
    return PartnerFactory(organisation=organisation, name=name)


def test_partners_of_interventions_actions_and_meetings_are_listed_once_by_name(
    scope, team, organisation, youth
):
    library = partner(organisation, "Médiathèque")
    school = partner(organisation, "Collège Youri Gagarine")
    pre = partner(organisation, "PRE")
    partner(organisation, "Mission locale")  # not mobilised
    InterventionFactory(youth=youth()).partners.add(school, pre)
    CollectiveActionFactory(team=team).partners.add(library, school)
    PartnershipMeetingFactory(team=team).partners.add(pre)
    assert build_report(scope=scope).partners == ("Collège Youri Gagarine", "Médiathèque", "PRE")


def test_partners_of_records_outside_the_period_or_scope_are_not_listed(
    commune_scope, team, organisation, youth
):
    late = datetime.timedelta(days=1)
    InterventionFactory(youth=youth(), date=END + late).partners.add(partner(organisation, "A"))
    elsewhere = CommuneFactory(team=team)
    InterventionFactory(youth=YouthFactory(commune=elsewhere)).partners.add(partner(organisation, "B"))
    CollectiveActionFactory(team=team, commune=elsewhere).partners.add(partner(organisation, "C"))
    PartnershipMeetingFactory(team=team, commune=None).partners.add(partner(organisation, "D"))
    PartnershipMeetingFactory(team=team, commune=commune_scope.commune).partners.add(
        partner(organisation, "E")
    )
    assert list(partners_mobilised(scope=commune_scope).values_list("name", flat=True)) == ["E"]
