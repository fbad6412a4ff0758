"""The scope of a report: its label, its previous period, what it refuses."""

import datetime

import pytest

from carnet.reports.scope import ReportScope
from tests.factories import CommuneFactory, TeamFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_label_names_the_team_the_commune_and_the_period_in_french():
    team = TeamFactory(name="EMPS Montigny-en-Gohelle")
    commune = CommuneFactory(team=team, name="Montigny-en-Gohelle")
    scope = ReportScope(team=team, commune=commune, start=D(2023, 5, 9), end=D(2023, 12, 31))
    assert scope.label == (
        "EMPS Montigny-en-Gohelle — Montigny-en-Gohelle, du 9 mai 2023 au 31 décembre 2023"
    )


def test_label_of_a_whole_team_report_names_only_the_team():
    team = TeamFactory(name="EMPS Montigny-en-Gohelle")
    scope = ReportScope(team=team, start=D(2024, 1, 1), end=D(2024, 6, 30))
    assert scope.label == "EMPS Montigny-en-Gohelle, du 1er janvier 2024 au 30 juin 2024"


def test_previous_period_has_the_same_length_and_ends_the_day_before(team):
    scope = ReportScope(team=team, start=D(2023, 5, 9), end=D(2023, 12, 31))
    previous = scope.previous()
    assert previous.end == D(2023, 5, 8)
    assert previous.days == scope.days == 237
    assert previous.start == D(2022, 9, 14)


def test_previous_of_a_calendar_year_is_the_year_before(team):
    previous = ReportScope(team=team, start=D(2024, 1, 1), end=D(2024, 12, 31)).previous()
    # 2024 has 366 days: the previous period starts on 31 December 2022.
    assert (previous.start, previous.end) == (D(2022, 12, 31), D(2023, 12, 31))


def test_period_ending_before_it_starts_is_refused(team):
    with pytest.raises(ValueError):
        ReportScope(team=team, start=D(2023, 6, 1), end=D(2023, 5, 31))


def test_commune_of_another_team_is_refused(team):
    with pytest.raises(ValueError):
        ReportScope(team=team, commune=CommuneFactory(), start=D(2023, 1, 1), end=D(2023, 12, 31))


def test_one_day_report_is_accepted(team):
    assert ReportScope(team=team, start=D(2023, 6, 1), end=D(2023, 6, 1)).days == 1


def test_organisation_scope_is_labelled_with_all_its_teams(team):
    scope = ReportScope(organisation=team.organisation, start=D(2024, 1, 1), end=D(2024, 12, 31))
    assert scope.is_organisation
    where = f"{team.organisation.name} — toutes les équipes"
    assert scope.label == f"{where}, du 1er janvier 2024 au 31 décembre 2024"


def test_scope_is_either_a_team_or_an_organisation(team):
    with pytest.raises(ValueError):
        ReportScope(team=team, organisation=team.organisation, start=D(2024, 1, 1), end=D(2024, 12, 31))
    with pytest.raises(ValueError):
        ReportScope(start=D(2024, 1, 1), end=D(2024, 12, 31))
