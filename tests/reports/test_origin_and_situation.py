"""R6, R7 — Youths by origin of the encounter and by situation at the period's end."""

import datetime

import pytest

from carnet.referentials.models import Origin, Situation
from carnet.reports.build import build_report
from carnet.reports.rules import count_youths_by_situation_and_sex, keys
from tests.factories import SituationChangeFactory

from .conftest import END, ref

pytestmark = pytest.mark.django_db

D = datetime.date


def situation(youth, code, since):
    return SituationChangeFactory(youth=youth, situation=ref(Situation, youth.team, code), since=since)


def test_origin_rows_split_by_sex_with_share_of_known_origins(scope, youth):
    street = ref(Origin, scope.team, "presence-sociale")
    partner = ref(Origin, scope.team, "partenaire")
    youth(origin=street, sex="H")
    youth(origin=street, sex="F")
    youth(origin=partner, sex="F")
    youth(origin=None, sex="H")
    table = build_report(scope=scope).table(keys.ORIGIN)
    assert [row.label for row in table.rows] == [
        "Présence sociale",
        "Tiers",
        "Partenaire",
        "Démarche personnelle du jeune",
        "Non renseigné",
    ]
    assert [table.value("presence-sociale", column) for column in ("youths", "H", "F", "NB")] == [2, 1, 1, 0]
    assert table.value("presence-sociale", keys.PERCENT) == 67
    assert table.value("partenaire", keys.PERCENT) == 33
    assert table.value(keys.NOT_RECORDED, keys.YOUTHS) == 1
    assert table.value(keys.NOT_RECORDED, keys.PERCENT) is None
    assert table.percent_of == 3
    assert table.columns[0].label == "Total"


def test_situation_is_the_latest_change_on_or_before_the_periods_end(scope, youth):
    changed = youth()
    situation(changed, "scolarise", D(2020, 9, 1))
    situation(changed, "rupture", D(2023, 3, 1))
    situation(changed, "formation", END)
    assert count_youths_by_situation_and_sex(scope=scope) == {("formation", "H"): 1}


def test_situation_changed_after_period_end_is_ignored(scope, youth):
    changed = youth()
    situation(changed, "scolarise", D(2020, 9, 1))
    situation(changed, "emploi", END + datetime.timedelta(days=1))
    assert count_youths_by_situation_and_sex(scope=scope) == {("scolarise", "H"): 1}


def test_youth_without_situation_is_counted_as_not_recorded(scope, youth):
    youth(sex="F")
    only_later = youth(sex="F")
    situation(only_later, "emploi", D(2024, 2, 1))
    known = youth(sex="H")
    situation(known, "scolarise", D(2023, 9, 4))
    table = build_report(scope=scope).table(keys.SITUATION)
    assert table.value(keys.NOT_RECORDED, "F") == 2
    assert table.value(keys.NOT_RECORDED, keys.PERCENT) is None
    assert table.value("scolarise", keys.PERCENT) == 100
    assert table.percent_of == 1
    assert table.total.value(keys.YOUTHS) == 3
