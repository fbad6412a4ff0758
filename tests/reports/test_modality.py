"""R2 — Youths by the highest accompaniment modality reached in the period."""

import datetime

import pytest

from carnet.referentials.models import Modality
from carnet.reports.build import build_report
from carnet.reports.rules import count_youths_by_modality, keys
from tests.factories import AccompanimentPeriodFactory

from .conftest import START, ref

pytestmark = pytest.mark.django_db

D = datetime.date


def period(youth, code, start, end=None):
    modality = ref(Modality, youth.team, code)
    return AccompanimentPeriodFactory(youth=youth, modality=modality, start=start, end=end)


def test_youth_is_counted_at_highest_modality_reached_in_period(scope, youth):
    climbing = youth()
    period(climbing, "accroche", D(2023, 5, 1), D(2023, 6, 30))
    period(climbing, "paei", D(2023, 7, 1), D(2023, 9, 30))
    period(climbing, "asep", D(2023, 10, 1))
    assert count_youths_by_modality(scope=scope) == {"paei": 1}


def test_modality_of_a_period_ended_before_the_report_is_ignored(scope, youth):
    stepped_down = youth()
    period(stepped_down, "paei", D(2022, 1, 1), START - datetime.timedelta(days=1))
    period(stepped_down, "accroche", START)
    assert count_youths_by_modality(scope=scope) == {"accroche": 1}


def test_youth_without_modality_in_the_period_is_counted_as_not_recorded(scope, youth):
    youth()
    table = build_report(scope=scope).table(keys.MODALITY)
    assert table.value(keys.NOT_RECORDED, keys.YOUTHS) == 1
    assert table.total.value(keys.YOUTHS) == 1


def test_rows_are_the_modalities_by_decreasing_rank_then_not_recorded(scope):
    table = build_report(scope=scope).table(keys.MODALITY)
    assert [row.label for row in table.rows] == [
        "Projet d'Accompagnement Educatif Individualisé (PAEI)",
        "Accompagnement Socio-Educatif Ponctuel (ASEP)",
        "En accroche",
        "Non renseigné",
    ]
    assert [row.value(keys.YOUTHS) for row in table.rows] == [0, 0, 0, 0]


def test_youths_in_contact_are_the_youths_with_a_modality(scope, youth):
    for code in ["paei", "asep", "asep", "accroche"]:
        period(youth(), code, D(2023, 6, 1))
    youth()
    report = build_report(scope=scope)
    assert (report.youths, report.youths_in_contact) == (5, 4)
    general = report.table(keys.GENERAL_ACTION)
    assert general.value(keys.YOUTHS_IN_CONTACT, keys.COUNT) == 4
    assert general.value(keys.YOUTHS_MET, keys.COUNT) == 5
    assert [row.value(keys.YOUTHS) for row in report.table(keys.MODALITY).rows] == [1, 2, 1, 1]


def test_retired_modality_is_shown_only_while_it_is_used(scope, youth):
    retired = ref(Modality, scope.team, "accroche")
    retired.is_active = False
    retired.save()
    assert "accroche" not in [row.key for row in build_report(scope=scope).table(keys.MODALITY).rows]
    period(youth(), "accroche", D(2023, 6, 1))
    table = build_report(scope=scope).table(keys.MODALITY)
    assert table.value("accroche", keys.YOUTHS) == 1
