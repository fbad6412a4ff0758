"""The département's tables: youths in its target ages, by quartier, the team's time."""

import pytest

from carnet.reports.build import build_report
from carnet.reports.model_tables import QUARTIERS, TARGET_AGE, TEAM_TIME, ModelTableOptions
from carnet.reports.rules import keys
from tests import factories

pytestmark = pytest.mark.django_db


def test_youths_are_counted_below_within_and_above_the_target_ages(scope, commune):
    # Ages on 31 December 2023.
    for birth_year in (2014, 2012, 2005, 2003, None):
        factories.YouthFactory(commune=commune, birth_year=birth_year, sex="F")
    options = ModelTableOptions(tables=(TARGET_AGE,), target_age=(11, 18))
    table = build_report(scope=scope, options=options).table(TARGET_AGE)
    assert [row.value(keys.YOUTHS) for row in table.rows] == [1, 2, 1, 1]
    assert table.rows[1].label == "De 11 à 18 ans (public cible)"
    assert table.value("within", keys.PERCENT) == 50
    # Another département funds 12 to 16: the youths of 11 and 18 are out of it.
    narrower = build_report(scope=scope, options=ModelTableOptions(tables=(TARGET_AGE,), target_age=(12, 16)))
    assert [row.value(keys.YOUTHS) for row in narrower.table(TARGET_AGE).rows] == [2, 0, 2, 1]


def test_youths_are_counted_by_quartier_prioritaires_first(scope, commune):
    qpv = factories.QuartierFactory(commune=commune, name="Cité Bruno", is_qpv=True)
    other = factories.QuartierFactory(commune=commune, name="Centre", is_qpv=False)
    for quartier in (qpv, qpv, other, None):
        factories.YouthFactory(commune=commune, quartier=quartier)
    table = build_report(scope=scope, options=ModelTableOptions(tables=(QUARTIERS,))).table(QUARTIERS)
    assert [(row.label, row.value(keys.YOUTHS)) for row in table.all_rows] == [
        (f"Cité Bruno ({commune.name}) — QPV", 2),
        (f"Centre ({commune.name})", 1),
        ("Quartier non renseigné", 1),
        ("Dont quartiers prioritaires (QPV)", 2),
        ("Total", 4),
    ]


def test_the_teams_time_counts_interventions_and_times_what_carnet_records(scope, team, commune):
    youth = factories.YouthFactory(commune=commune)
    factories.InterventionFactory(youth=youth)
    factories.InterventionFactory(youth=youth)
    factories.PresenceSessionFactory(team=team, duration_minutes=90)
    table = build_report(scope=scope, options=ModelTableOptions(tables=(TEAM_TIME,))).table(TEAM_TIME)
    assert table.value("interventions", keys.COUNT) == 2
    assert table.value("interventions", keys.HOURS) is None  # an intervention has no duration
    assert table.value("presence", keys.COUNT) == 1
    assert float(table.value("presence", keys.HOURS)) == 1.5
