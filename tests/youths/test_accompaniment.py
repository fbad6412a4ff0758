"""Changing a youth's modality and ending an accompaniment, through the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.referentials.models import Modality
from carnet.youths.services import accompaniment_change, accompaniment_end
from tests.factories import AccompanimentPeriodFactory, MembershipFactory, TeamFactory

from .conftest import ref

pytestmark = pytest.mark.django_db

D = datetime.date


def periods(youth) -> list[tuple]:
    return [(p.modality.code, p.start, p.end) for p in youth.accompaniment_periods.select_related("modality")]


def test_first_modality_opens_a_period_with_its_referents(team, youth, educator):
    colleague = MembershipFactory(team=team).user
    period = accompaniment_change(
        youth=youth,
        modality=ref(Modality, team, "accroche"),
        start=D(2024, 3, 1),
        referents=[educator, colleague],
        user=educator,
    )
    assert periods(youth) == [("accroche", D(2024, 3, 1), None)]
    assert set(period.referents.all()) == {educator, colleague}


def test_new_modality_closes_the_open_period_the_day_before(team, youth, educator):
    AccompanimentPeriodFactory(youth=youth, modality=ref(Modality, team, "accroche"), start=D(2024, 1, 10))
    accompaniment_change(
        youth=youth, modality=ref(Modality, team, "paei"), start=D(2024, 3, 1), referents=[], user=educator
    )
    assert periods(youth) == [("accroche", D(2024, 1, 10), D(2024, 2, 29)), ("paei", D(2024, 3, 1), None)]


def test_a_start_before_the_current_periods_start_is_refused_in_french(team, youth, educator):
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 10))
    with pytest.raises(ValidationError) as error:
        accompaniment_change(
            youth=youth,
            modality=ref(Modality, team, "paei"),
            start=D(2024, 1, 9),
            referents=[],
            user=educator,
        )
    assert "ne peut pas commencer avant le début de la modalité en cours" in str(
        error.value.message_dict["start"]
    )
    assert periods(youth) == [("asep", D(2024, 1, 10), None)]


def test_a_change_on_the_current_periods_first_day_corrects_it(team, youth, educator):
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 10))
    accompaniment_change(
        youth=youth, modality=ref(Modality, team, "paei"), start=D(2024, 1, 10), referents=[], user=educator
    )
    assert periods(youth) == [("paei", D(2024, 1, 10), None)]


def test_the_same_modality_only_changes_the_referents(team, youth, educator):
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 10))
    period = accompaniment_change(
        youth=youth,
        modality=ref(Modality, team, "asep"),
        start=D(2024, 2, 1),
        referents=[educator],
        user=educator,
    )
    assert periods(youth) == [("asep", D(2024, 1, 10), None)]
    assert list(period.referents.all()) == [educator]


def test_a_new_period_overlapping_a_closed_one_is_refused(team, youth, educator):
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 10), end=D(2024, 2, 10))
    with pytest.raises(ValidationError, match="chevauche"):
        accompaniment_change(
            youth=youth,
            modality=ref(Modality, team, "paei"),
            start=D(2024, 2, 1),
            referents=[],
            user=educator,
        )


def test_a_start_in_the_future_is_refused(team, youth, educator, today):
    with pytest.raises(ValidationError, match="futur"):
        accompaniment_change(
            youth=youth,
            modality=ref(Modality, team, "paei"),
            start=today + datetime.timedelta(days=1),
            referents=[],
            user=educator,
        )


def test_a_modality_of_another_organisation_is_refused(youth, educator):
    foreign = ref(Modality, TeamFactory(), "paei")
    with pytest.raises(ValidationError, match="organisation"):
        accompaniment_change(youth=youth, modality=foreign, start=D(2024, 1, 1), referents=[], user=educator)


def test_ending_closes_the_open_period(youth, educator):
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 10))
    accompaniment_end(youth=youth, end=D(2024, 4, 30), user=educator)
    assert periods(youth) == [("asep", D(2024, 1, 10), D(2024, 4, 30))]


def test_ending_before_the_start_or_without_an_open_period_is_refused(youth, educator):
    with pytest.raises(ValidationError, match="pas d'accompagnement en cours"):
        accompaniment_end(youth=youth, end=D(2024, 4, 30), user=educator)
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 10))
    with pytest.raises(ValidationError, match="avant son début"):
        accompaniment_end(youth=youth, end=D(2024, 1, 9), user=educator)
