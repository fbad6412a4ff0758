"""What a user is told, in French, before the database would refuse a youth record."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.youths.models import AccompanimentPeriod
from tests.factories import AccompanimentPeriodFactory, CommuneFactory, QuartierFactory, YouthFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_birth_year_is_taken_from_the_birth_date():
    youth = YouthFactory.build(commune=CommuneFactory(), birth_date=D(2011, 4, 2), birth_year=None)
    youth.full_clean()
    assert youth.birth_year == 2011


def test_birth_year_contradicting_the_birth_date_is_explained():
    youth = YouthFactory.build(commune=CommuneFactory(), birth_date=D(2011, 4, 2), birth_year=2010)
    with pytest.raises(ValidationError) as error:
        youth.full_clean()
    assert "ne correspond pas" in str(error.value.message_dict["birth_year"])


def test_quartier_of_another_commune_is_explained():
    youth = YouthFactory.build(commune=CommuneFactory(), quartier=QuartierFactory())
    with pytest.raises(ValidationError) as error:
        youth.full_clean()
    assert "n'appartient pas à la commune" in str(error.value.message_dict["quartier"])


def test_overlapping_period_is_explained_with_the_period_it_overlaps():
    first = AccompanimentPeriodFactory(start=D(2023, 6, 1), end=D(2023, 8, 31))
    second = AccompanimentPeriod(youth=first.youth, modality=first.modality, start=D(2023, 8, 1))
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "chevauche" in str(error.value) and "01/06/2023" in str(error.value)


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ((D(2023, 1, 1), D(2023, 1, 31)), (D(2023, 2, 1), None), False),
        ((D(2023, 1, 1), D(2023, 1, 31)), (D(2023, 1, 31), None), True),
        ((D(2023, 1, 1), None), (D(2030, 1, 1), D(2030, 2, 1)), True),
        ((D(2023, 3, 1), D(2023, 3, 2)), (D(2023, 1, 1), D(2023, 2, 28)), False),
    ],
)
def test_periods_overlap_when_they_share_a_day(first, second, overlap):
    a = AccompanimentPeriod(start=first[0], end=first[1])
    b = AccompanimentPeriod(start=second[0], end=second[1])
    assert a.overlaps(b) is overlap and b.overlaps(a) is overlap
