"""Likely duplicates: the same name or nickname, birth year and commune in the team."""

import pytest

from carnet.youths.models import Youth
from carnet.youths.queries import duplicate_candidates
from tests.factories import CommuneFactory, YouthFactory

pytestmark = pytest.mark.django_db


def candidates(commune, first_name="", nickname="", birth_year=2010, **kwargs) -> list[str]:
    found = duplicate_candidates(
        youths=Youth.objects.all(),
        team=commune.team,
        first_name=first_name,
        nickname=nickname,
        birth_year=birth_year,
        commune=commune,
        **kwargs,
    )
    return [youth.display_name for youth in found]


def test_same_first_name_ignoring_case_and_accents_is_a_likely_duplicate(youth):
    assert candidates(youth.commune, first_name="INES") == ["Inès « Nénette »"]


def test_a_nickname_matches_a_first_name_or_a_nickname(youth):
    assert candidates(youth.commune, nickname="nenette") == ["Inès « Nénette »"]
    assert candidates(youth.commune, nickname="Inès") == ["Inès « Nénette »"]


def test_another_birth_year_commune_or_team_is_not_a_duplicate(youth):
    assert candidates(youth.commune, first_name="Inès", birth_year=2011) == []
    assert candidates(CommuneFactory(team=youth.team), first_name="Inès") == []
    assert candidates(CommuneFactory(), first_name="Inès") == []


def test_without_name_or_birth_year_nothing_is_compared(youth):
    assert candidates(youth.commune, first_name="", nickname="") == []
    assert candidates(youth.commune, first_name="Inès", birth_year=None) == []


def test_merged_records_and_the_youth_itself_are_not_candidates(youth):
    YouthFactory(commune=youth.commune, first_name="Inès", merged_into=youth)
    assert candidates(youth.commune, first_name="Inès", exclude=youth) == []
