"""R9, R10, R11, R15 — Collective actions: categories, trips' days, DSL roles, events, list."""

import datetime

import pytest

from carnet.activity.models import ActionRole
from carnet.referentials.models import ActionType
from carnet.reports.build import build_report
from carnet.reports.rules import count_actions_by_category, count_general_action, keys
from tests.factories import CollectiveActionFactory, CommuneFactory

from .conftest import END, START, ref

pytestmark = pytest.mark.django_db

D = datetime.date


def action(team, type_code="atelier", **fields):
    return CollectiveActionFactory(team=team, action_type=ref(ActionType, team, type_code), **fields)


def test_actions_are_counted_by_category_of_their_type(scope, team):
    action(team, "atelier")
    action(team, "atelier")
    action(team, "sortie")
    action(team, "dsl")
    table = build_report(scope=scope).table(keys.ACTION_CATEGORIES)
    assert [row.label for row in table.rows] == [
        "Atelier",
        "Sortie",
        "Séjour",
        "Action DSL (développement social local)",
        "Autre action collective",
    ]
    assert [row.value(keys.ACTIONS) for row in table.rows] == [2, 1, 0, 1, 0]
    assert table.total.value(keys.ACTIONS) == 4


def test_trip_days_count_both_the_first_and_the_last_day(scope, team):
    action(team, "sejour", start_date=D(2023, 12, 8), end_date=D(2023, 12, 9))
    action(team, "sejour", start_date=D(2023, 7, 30), end_date=D(2023, 8, 2))
    counts = count_actions_by_category(scope=scope)
    assert counts["trip"] == (2, 6)


def test_action_is_counted_in_the_period_it_starts(scope, team):
    action(team, "sejour", start_date=END, end_date=END + datetime.timedelta(days=2))
    action(team, "sejour", start_date=START - datetime.timedelta(days=1), end_date=START)
    assert count_actions_by_category(scope=scope) == {"trip": (1, 3)}


def test_actions_by_type_use_the_referential_labels(scope, team):
    action(team, "sortie")
    table = build_report(scope=scope).table(keys.ACTION_TYPES)
    assert table.row("sortie").label == "Sortie"
    assert table.value("sortie", keys.ACTIONS) == 1
    assert table.value("sortie", keys.DAYS) == 1


def test_local_development_actions_are_counted_by_role(scope, team):
    action(team, "dsl", role=ActionRole.INITIATED)
    for _ in range(3):
        action(team, "dsl", role=ActionRole.ASSOCIATED)
    action(team, "atelier", role=ActionRole.ASSOCIATED)
    table = build_report(scope=scope).table(keys.DSL)
    assert table.value("initiated", keys.ACTIONS) == 1
    assert table.value("associated", keys.ACTIONS) == 3
    assert table.total.value(keys.ACTIONS) == 4


def test_commune_events_and_actions_after_a_needs_study_are_counted(scope, team):
    action(team, "dsl", role=ActionRole.ASSOCIATED, commune_event=True, after_needs_study=True)
    action(team, "sortie", after_needs_study=True)
    action(team, "atelier")
    assert count_general_action(scope=scope) == (1, 2)
    general = build_report(scope=scope).table(keys.GENERAL_ACTION)
    assert general.value(keys.COMMUNE_EVENTS, keys.COUNT) == 1
    assert general.value(keys.AFTER_NEEDS_STUDY, keys.COUNT) == 2


def test_action_without_commune_counts_only_in_the_whole_team_report(scope, commune_scope, team, commune):
    action(team, commune=commune)
    action(team, commune=None)
    action(team, commune=CommuneFactory(team=team))
    assert count_actions_by_category(scope=commune_scope)["workshop"].actions == 1
    assert count_actions_by_category(scope=scope)["workshop"].actions == 3


def test_action_list_gives_dates_days_role_and_participants(scope, team, youth):
    trip = action(
        team,
        "sejour",
        title="Marché de Noël",
        start_date=D(2023, 12, 8),
        end_date=D(2023, 12, 9),
        role=ActionRole.INITIATED,
        anonymous_male=2,
        anonymous_female=1,
    )
    trip.participants.add(youth(), youth())
    action(team, "atelier", title="Rétro gaming", start_date=D(2023, 6, 1))
    items = build_report(scope=scope).actions
    assert [item.title for item in items] == ["Rétro gaming", "Marché de Noël"]
    item = items[1]
    assert (item.action_type, item.category, item.role) == ("Séjour", "Séjour", "Initiée par l'équipe")
    assert (item.start_date, item.end_date, item.days) == (D(2023, 12, 8), D(2023, 12, 9), 2)
    assert item.participants == 5
    assert items[0].participants == 0


def test_list_of_actions_groups_sessions_of_one_title_and_sums_participants(scope, team, commune, youth):
    inès, yanis = youth(first_name="Inès"), youth(first_name="Yanis")
    first = CollectiveActionFactory(
        team=team, commune=commune, title="Atelier graff", start_date=START, anonymous_male=2
    )
    first.participants.set([inès, yanis])
    second = CollectiveActionFactory(
        team=team, commune=commune, title="Atelier graff", start_date=END, anonymous_female=1
    )
    second.participants.set([inès])
    CollectiveActionFactory(team=team, commune=commune, title="Sortie mer", start_date=END)

    items = build_report(scope=scope).actions

    assert [item.title for item in items] == ["Atelier graff", "Sortie mer"]
    graff = items[0]
    assert (graff.actions, graff.days, graff.participants) == (2, 2, 6)
    assert (graff.start_date, graff.end_date) == (START, END)
