"""Data quality: the youths of the report counted in a "Non renseigné" row, and why."""

import datetime

import pytest

from carnet.referentials.models import Origin
from carnet.reports.build import build_report
from carnet.reports.report import Missing
from carnet.reports.rules import keys
from tests.factories import AccompanimentPeriodFactory, SituationChangeFactory

from .activity import record_activity
from .conftest import ref

pytestmark = pytest.mark.django_db

D = datetime.date


def complete(youth_factory, team, **fields):
    young = youth_factory(origin=ref(Origin, team, "tiers"), **fields)
    AccompanimentPeriodFactory(youth=young)
    SituationChangeFactory(youth=young)
    return young


def test_youth_with_every_value_recorded_is_not_listed(scope, team, youth):
    complete(youth, team)
    assert build_report(scope=scope).data_gaps == ()


def test_each_gap_names_the_youth_and_what_is_missing(scope, team, youth):
    complete(youth, team, first_name="Complet")
    nothing = youth(first_name="", nickname="Zizou", sex="", birth_year=None)
    no_sex = complete(youth, team, first_name="Inès", sex="")
    gaps = build_report(scope=scope).data_gaps
    assert [(gap.youth_id, gap.display_name, gap.missing) for gap in gaps] == [
        (no_sex.pk, "Inès", (Missing.SEX,)),
        (nothing.pk, "Zizou", tuple(Missing)),
    ]
    assert [str(missing.label) for missing in gaps[1].missing] == [
        "modalité d'accompagnement",
        "sexe",
        "âge",
        "origine de la rencontre",
        "situation en fin de période",
    ]


def test_situation_recorded_only_after_the_period_is_a_gap(scope, team, youth):
    young = youth(origin=ref(Origin, team, "tiers"))
    AccompanimentPeriodFactory(youth=young)
    SituationChangeFactory(youth=young, since=D(2024, 1, 1))
    assert [gap.missing for gap in build_report(scope=scope).data_gaps] == [(Missing.SITUATION,)]


def test_gaps_match_the_not_recorded_rows(scope, team, commune):
    record_activity(team=team, commune=commune, youths=20)
    report = build_report(scope=scope)
    not_recorded = {
        Missing.MODALITY: report.table(keys.MODALITY).value(keys.NOT_RECORDED, keys.YOUTHS),
        Missing.SEX: report.table(keys.SEX).value(keys.NOT_RECORDED, keys.YOUTHS),
        Missing.AGE: report.table(keys.AGE).value(keys.NOT_RECORDED, keys.YOUTHS),
        Missing.ORIGIN: report.table(keys.ORIGIN).value(keys.NOT_RECORDED, keys.YOUTHS),
        Missing.SITUATION: report.table(keys.SITUATION).value(keys.NOT_RECORDED, keys.YOUTHS),
    }
    for missing, count in not_recorded.items():
        assert sum(missing in gap.missing for gap in report.data_gaps) == count
