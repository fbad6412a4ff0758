"""The lines of the action list kept as facts per team and year: equal to the actions and their
participants however they change (services, the relation itself, merges, erasure), and written
after a migration to a database that had none."""

import datetime

import pytest
from django.core.management.sql import emit_post_migrate_signal

from carnet.activity.services import (
    collective_action_create,
    collective_action_delete,
    collective_action_update,
)
from carnet.facts.models import ActionLineFact
from carnet.facts.queries import fact_differences
from carnet.privacy.services import erase_youth
from carnet.referentials.models import ActionType
from carnet.reports.build import build_report
from carnet.reports.scope import ReportScope
from carnet.youths.services import youth_merge, youth_merge_undo
from tests import factories

from .truth import action_lines_from_records, stored_action_lines

pytestmark = pytest.mark.django_db

D = datetime.date


def assert_true_lines():
    assert stored_action_lines() == action_lines_from_records()
    assert fact_differences() == []


def only_line_participants() -> int:
    [figures] = stored_action_lines().values()
    return figures[-1]


def workshop(team):
    return ActionType.objects.get(organisation=team.organisation, code="atelier")


def test_weekly_sessions_of_one_title_type_and_role_make_one_line_per_team_and_year(team):
    youths = factories.YouthFactory.create_batch(3, team=team)
    first = collective_action_create(
        team=team,
        action_type=workshop(team),
        title="Atelier cuisine",
        start_date=D(2023, 3, 1),
        participants=youths[:2],
        anonymous_female=1,
    )
    collective_action_create(
        team=team,
        action_type=workshop(team),
        title="Atelier cuisine",
        start_date=D(2023, 3, 8),
        end_date=D(2023, 3, 9),
        participants=youths,
    )
    collective_action_create(
        team=team, action_type=workshop(team), title="Atelier cuisine", start_date=D(2024, 1, 10)
    )

    assert stored_action_lines() == {
        (team.pk, 2023, "Atelier cuisine", "atelier", "initiated"): (
            first.pk,
            2,
            D(2023, 3, 1),
            D(2023, 3, 9),
            1,
            6,
        ),
        (team.pk, 2024, "Atelier cuisine", "atelier", "initiated"): (
            first.pk + 2,
            1,
            D(2024, 1, 10),
            D(2024, 1, 10),
            0,
            0,
        ),
    }
    assert_true_lines()


def test_a_line_follows_its_actions_moved_to_another_year_renamed_and_deleted(team):
    action = collective_action_create(
        team=team, action_type=workshop(team), title="Foot", start_date=D(2023, 12, 30)
    )
    collective_action_update(
        action=action,
        version=action.version,
        start_date=D(2024, 1, 2),
        end_date=D(2024, 1, 2),
        title="Futsal",
    )
    assert [(key[1], key[2]) for key in stored_action_lines()] == [(2024, "Futsal")]
    assert_true_lines()

    collective_action_delete(action=action)
    assert stored_action_lines() == {}


def test_participants_added_or_removed_through_the_relation_change_the_line(team):
    action = factories.CollectiveActionFactory(team=team, title="Sortie mer", start_date=D(2023, 7, 1))
    ines, yanis, sofia = factories.YouthFactory.create_batch(3, team=team)

    action.participants.add(ines, yanis)
    assert_true_lines()
    action.participants.remove(ines)
    assert_true_lines()
    sofia.collective_actions.add(action)  # from the youth's side
    assert only_line_participants() == 2
    sofia.collective_actions.clear()
    action.participants.set([ines])
    assert_true_lines()
    action.participants.clear()
    assert only_line_participants() == 0
    assert_true_lines()


def test_a_merge_of_two_records_in_one_action_counts_the_youth_once_and_its_undo_twice(team, commune):
    kept = factories.YouthFactory(team=team, commune=commune)
    merged = factories.YouthFactory(team=team, commune=commune)
    action = collective_action_create(
        team=team,
        action_type=workshop(team),
        title="Boxe",
        start_date=D(2023, 5, 1),
        participants=[kept, merged],
    )
    user = factories.UserFactory()

    merge = youth_merge(kept=kept, merged=merged, user=user)
    assert stored_action_lines()[(team.pk, 2023, "Boxe", "atelier", "initiated")][-1] == 1
    assert_true_lines()

    youth_merge_undo(merge=merge, user=user)
    assert action.participants.count() == 2
    assert stored_action_lines()[(team.pk, 2023, "Boxe", "atelier", "initiated")][-1] == 2
    assert_true_lines()


def test_erasing_a_youth_takes_them_off_the_lines_of_their_actions(team, commune):
    erased = factories.YouthFactory(team=team, commune=commune)
    stays = factories.YouthFactory(team=team, commune=commune)
    for year in (2022, 2023):
        collective_action_create(
            team=team,
            action_type=workshop(team),
            title="Chantier",
            start_date=D(year, 4, 1),
            participants=[erased, stays],
            anonymous_male=2,
        )

    erase_youth(youth=erased)

    assert [figures[-1] for figures in stored_action_lines().values()] == [3, 3]
    assert_true_lines()


def test_an_organisations_report_over_whole_years_lists_the_actions_the_records_say(team):
    youths = factories.YouthFactory.create_batch(2, team=team)
    other_team = factories.TeamFactory(organisation=team.organisation)
    for each, day in ((team, D(2023, 2, 1)), (other_team, D(2023, 1, 15))):
        collective_action_create(
            team=each,
            action_type=workshop(each),
            title="Atelier cuisine",
            start_date=day,
            participants=youths if each == team else [],
            anonymous_female=1,
        )
    organisation = team.organisation
    whole_year = build_report(
        scope=ReportScope(organisation=organisation, start=D(2023, 1, 1), end=D(2023, 12, 31))
    )
    # One day less: read from the actions themselves.
    from_records = build_report(
        scope=ReportScope(organisation=organisation, start=D(2023, 1, 1), end=D(2023, 12, 30))
    )

    assert whole_year.actions == from_records.actions
    [line] = whole_year.actions
    assert (line.title, line.actions, line.participants, line.start_date) == (
        "Atelier cuisine",
        2,
        4,
        D(2023, 1, 15),
    )


def test_a_database_migrated_from_before_the_facts_gets_them_once_migrations_have_run(team):
    youth = factories.YouthFactory(team=team)
    collective_action_create(
        team=team,
        action_type=workshop(team),
        title="Séjour ski",
        start_date=D(2023, 2, 20),
        participants=[youth],
    )
    factories.InterventionFactory(youth=youth, date=D(2023, 2, 1), domains=["sante"])
    expected = stored_action_lines()
    ActionLineFact.objects.all().delete()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # what ``migrate`` sends

    assert stored_action_lines() == expected
    assert_true_lines()
