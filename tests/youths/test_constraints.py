"""What the database itself refuses about youths, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.factories import AccompanimentPeriodFactory, SituationChangeFactory, YouthFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_youth_needs_a_first_name_a_nickname_or_a_code():
    with pytest.raises(IntegrityError):
        YouthFactory(first_name="", nickname="", code="")


@pytest.mark.parametrize("field", ["first_name", "nickname", "code"])
def test_one_of_first_name_nickname_or_code_is_enough(field):
    names = {"first_name": "", "nickname": "", "code": "", field: "X1"}
    youth = YouthFactory(**names, birth_year=None, sex="")
    assert youth.pk


def test_birth_date_without_birth_year_is_refused():
    with pytest.raises(IntegrityError):
        YouthFactory(birth_date=D(2010, 3, 4), birth_year=None)


def test_birth_year_must_be_the_year_of_the_birth_date():
    with pytest.raises(IntegrityError):
        YouthFactory(birth_date=D(2010, 3, 4), birth_year=2011)


def test_two_youths_of_a_team_cannot_share_an_external_id():
    youth = YouthFactory(external_id="EXT-1")
    with pytest.raises(IntegrityError):
        YouthFactory(external_id="EXT-1", commune=youth.commune)


def test_youths_without_external_id_do_not_collide():
    youth = YouthFactory(external_id="")
    assert YouthFactory(external_id="", commune=youth.commune).pk


def test_accompaniment_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        AccompanimentPeriodFactory(start=D(2023, 6, 1), end=D(2023, 5, 31))


def test_overlapping_accompaniment_periods_of_one_youth_are_refused():
    first = AccompanimentPeriodFactory(start=D(2023, 6, 1), end=D(2023, 8, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        AccompanimentPeriodFactory(youth=first.youth, start=D(2023, 8, 31), end=D(2023, 10, 1))


def test_a_period_after_an_open_period_overlaps_it():
    first = AccompanimentPeriodFactory(start=D(2023, 6, 1), end=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        AccompanimentPeriodFactory(youth=first.youth, start=D(2024, 1, 1), end=None)


def test_moving_a_period_onto_another_is_refused():
    first = AccompanimentPeriodFactory(start=D(2023, 6, 1), end=D(2023, 6, 30))
    second = AccompanimentPeriodFactory(youth=first.youth, start=D(2023, 7, 1), end=None)
    second.start = D(2023, 6, 15)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_consecutive_periods_and_other_youths_periods_are_accepted():
    first = AccompanimentPeriodFactory(start=D(2023, 6, 1), end=D(2023, 6, 30))
    AccompanimentPeriodFactory(youth=first.youth, start=D(2023, 7, 1), end=None)
    AccompanimentPeriodFactory(start=D(2023, 6, 10), end=None)
    first.end = D(2023, 6, 29)
    first.save()
    assert first.youth.accompaniment_periods.count() == 2


def test_one_situation_change_a_day_per_youth():
    change = SituationChangeFactory(since=D(2023, 9, 1))
    with pytest.raises(IntegrityError):
        SituationChangeFactory(youth=change.youth, since=D(2023, 9, 1))
