"""R8 — Interventions of the period by domain: Total, Jeunes and share of all tags."""

import datetime

import pytest

from carnet.reports.build import build_report
from carnet.reports.rules import count_interventions_by_domain, keys
from tests.factories import CommuneFactory, InterventionFactory, YouthFactory

from .conftest import END, START

pytestmark = pytest.mark.django_db

D = datetime.date


def test_domain_counts_its_interventions_and_their_distinct_youths(scope, youth):
    first, second = youth(), youth()
    InterventionFactory(youth=first, domains=["scolarite"])
    InterventionFactory(youth=first, domains=["scolarite"])
    InterventionFactory(youth=second, domains=["scolarite"])
    table = build_report(scope=scope).table(keys.DOMAINS)
    assert table.value("scolarite", keys.INTERVENTIONS) == 3
    assert table.value("scolarite", keys.YOUTHS) == 2
    assert table.value("scolarite", keys.PERCENT) == 100


def test_intervention_with_two_domains_counts_in_both(scope, youth):
    InterventionFactory(youth=youth(), domains=["famille", "sante"])
    counts = count_interventions_by_domain(scope=scope)
    assert {code: figures.interventions for code, figures in counts.items()} == {"famille": 1, "sante": 1}


def test_share_is_over_the_sum_of_totals_rounded_half_up(scope, youth):
    young = youth()
    for _ in range(7):
        InterventionFactory(youth=young, domains=["comportement"])
    InterventionFactory(youth=young, domains=["justice"])
    table = build_report(scope=scope).table(keys.DOMAINS)
    assert table.percent_of == 8
    assert table.value("comportement", keys.PERCENT) == 88  # 87.5
    assert table.value("justice", keys.PERCENT) == 13  # 12.5


def test_rows_are_ordered_by_decreasing_total_then_referential_order(scope, youth):
    young = youth()
    InterventionFactory(youth=young, domains=["mobilite"])
    InterventionFactory(youth=young, domains=["mobilite", "famille"])
    InterventionFactory(youth=young, domains=["justice"])
    rows = build_report(scope=scope).table(keys.DOMAINS).rows
    assert [row.key for row in rows][:4] == ["mobilite", "famille", "justice", "comportement"]
    assert rows[0].label == "Mobilité"
    assert len(rows) == 11


def test_interventions_outside_the_period_are_not_counted(scope, youth):
    young = youth()
    InterventionFactory(youth=young, date=START - datetime.timedelta(days=1), domains=["famille"])
    InterventionFactory(youth=young, date=END + datetime.timedelta(days=1), domains=["famille"])
    InterventionFactory(youth=young, date=END, domains=["famille"])
    assert count_interventions_by_domain(scope=scope)["famille"].interventions == 1


def test_intervention_belongs_to_the_commune_of_its_youth(commune_scope, team, youth):
    InterventionFactory(youth=youth(), domains=["loisirs"])
    InterventionFactory(youth=YouthFactory(commune=CommuneFactory(team=team)), domains=["loisirs"])
    assert count_interventions_by_domain(scope=commune_scope)["loisirs"].interventions == 1


def test_intervention_without_domain_is_in_no_row(scope, youth):
    InterventionFactory(youth=youth(), domains=[])
    table = build_report(scope=scope).table(keys.DOMAINS)
    assert table.percent_of == 0
    assert {row.value(keys.PERCENT) for row in table.rows} == {0}
