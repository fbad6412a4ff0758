"""Reads behind the entry forms: the usual commune, the youth search, the educators offered."""

import datetime

import pytest

from carnet.access.models import Role
from carnet.access.visibility import visible_within
from carnet.activity import queries
from carnet.organisations.models import Team
from tests.factories import CommuneFactory, MembershipFactory, TeamFactory, UserFactory, YouthFactory

pytestmark = pytest.mark.django_db


def _teams(*teams):
    return Team.objects.filter(pk__in=[team.pk for team in teams])


def _youths(teams):
    """The youths a colleague of ``teams`` reads, through the permission layer."""
    return visible_within(UserFactory(), teams).youths()


def test_usual_commune_is_the_one_the_educator_is_referent_of(team, educator):
    CommuneFactory(team=team, name="Avion")
    henin = CommuneFactory(team=team, name="Hénin-Beaumont", referent=educator)
    assert queries.usual_commune(user=educator, teams=_teams(team)) == henin


def test_usual_commune_is_the_team_first_when_the_educator_is_referent_of_none(team, educator):
    CommuneFactory(team=team, name="Montigny-en-Gohelle")
    CommuneFactory(team=team, name="Avion")
    assert queries.usual_commune(user=educator, teams=_teams(team)).name == "Avion"


def test_two_letters_find_youths_by_first_name_nickname_or_code(team, commune):
    YouthFactory(commune=commune, first_name="Inès")
    YouthFactory(commune=commune, first_name="Yanis", nickname="Zizou")
    YouthFactory(commune=commune, first_name="", code="MG-014")
    teams = _teams(team)
    assert [y.first_name for y in queries.youths_matching(youths=_youths(teams), text="in")] == ["Inès"]
    assert [y.nickname for y in queries.youths_matching(youths=_youths(teams), text="zi")] == ["Zizou"]
    assert [y.code for y in queries.youths_matching(youths=_youths(teams), text="mg-0")] == ["MG-014"]


def test_search_ignores_accents(team, commune):
    YouthFactory(commune=commune, first_name="Élodie")
    assert [y.first_name for y in queries.youths_matching(youths=_youths(_teams(team)), text="el")] == [
        "Élodie"
    ]


def test_one_letter_finds_nobody(team, commune):
    YouthFactory(commune=commune, first_name="Inès")
    assert queries.youths_matching(youths=_youths(_teams(team)), text="i") == []


def test_names_starting_with_the_letters_come_first(team, commune):
    YouthFactory(commune=commune, first_name="Yanis")
    YouthFactory(commune=commune, first_name="Anissa")
    found = queries.youths_matching(youths=_youths(_teams(team)), text="an")
    assert [y.first_name for y in found] == ["Anissa", "Yanis"]


def test_search_never_finds_a_youth_of_another_team(team, other_team):
    YouthFactory(commune=CommuneFactory(team=other_team), first_name="Inès")
    assert queries.youths_matching(youths=_youths(_teams(team)), text="in") == []


def test_search_leaves_out_youths_already_chosen(team, commune):
    inès = YouthFactory(commune=commune, first_name="Inès")
    assert queries.youths_matching(youths=_youths(_teams(team)), text="in", exclude=[inès.pk]) == []


def test_educators_offered_are_the_team_current_staff_who_record_activity(team):
    current = MembershipFactory(team=team, role=Role.EDUCATOR).user
    leader = MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    MembershipFactory(team=team, role=Role.EDUCATOR, end_date=datetime.date(2020, 1, 1))
    MembershipFactory(team=team, role=Role.FUNDER_VIEWER)
    MembershipFactory(team=TeamFactory(), role=Role.EDUCATOR)
    assert set(queries.educators_of(teams=_teams(team))) == {current, leader}


def test_a_former_educator_stays_offered_on_the_records_they_took_part_in(team):
    former = MembershipFactory(team=team, role=Role.EDUCATOR, end_date=datetime.date(2020, 1, 1)).user
    assert former in queries.educators_of(teams=_teams(team), include=[former.pk])
    assert UserFactory() not in queries.educators_of(teams=_teams(team))


def test_partners_offered_are_the_teams_own_the_most_named_first(team, organisation, commune):
    from tests.factories import InterventionFactory, PartnerFactory

    departmental = PartnerFactory(organisation=organisation, name="Aide sociale à l'enfance")
    mission = PartnerFactory(organisation=organisation, name="Mission locale", commune=commune)
    PartnerFactory(organisation=organisation, name="Club de l'autre équipe", commune=CommuneFactory())
    PartnerFactory(organisation=organisation, name="Ancien partenaire", commune=commune, is_active=False)
    for _ in range(2):
        InterventionFactory(youth=YouthFactory(commune=commune)).partners.add(mission)
    offered = queries.active_partners_of(teams=_teams(team))
    assert [partner.name for partner in offered] == [mission.name, departmental.name]
