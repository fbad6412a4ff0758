"""R16 — PAEI: youths whose project was reviewed in the period, goals by domain and outcome."""

import datetime

import pytest

from carnet.access.visibility import visible
from carnet.referentials.models import Domain, Modality
from carnet.reports.build import build_report
from carnet.reports.models import Audience
from carnet.reports.queries import drilldown_rows
from carnet.reports.rules import keys, members
from carnet.reports.scope import ReportScope
from carnet.reports.services import report_for
from carnet.youths.paei_services import paei_goal_add, paei_review_record
from tests.factories import AccompanimentPeriodFactory, CommuneFactory, UserFactory

from .conftest import END, START, ref

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def project(team, youth):
    """A youth in PAEI since before the period, with a school goal and a goal without domain."""

    def make(name: str):
        the_youth = youth(first_name=name, first_contact_date=D(2022, 1, 1))
        period = AccompanimentPeriodFactory(
            youth=the_youth, modality=ref(Modality, team, "paei"), start=D(2022, 9, 1)
        )
        school = paei_goal_add(
            period=period, text="Retourner au collège", domain=ref(Domain, team, "scolarite")
        )
        other = paei_goal_add(period=period, text="Ouvrir un compte")
        return period, school, other

    return make


def review(period, day, progress):
    paei_review_record(period=period, date=day, progress=progress, next_review_on=None, user=UserFactory())


def test_youths_with_a_review_in_the_period_are_counted_once(scope, project):
    reviewed, school, other = project("Inès")
    review(reviewed, D(2023, 6, 1), {school.pk: ("en_cours", ""), other.pk: ("non_engage", "")})
    review(reviewed, D(2023, 10, 1), {school.pk: ("atteint", ""), other.pk: ("en_cours", "")})
    before, school_b, other_b = project("Yanis")
    review(before, D(2023, 1, 10), {school_b.pk: ("en_cours", ""), other_b.pk: ("en_cours", "")})
    project("Sami")  # goals, never reviewed
    table = build_report(scope=scope).table(keys.GENERAL_ACTION)
    assert table.value(keys.PAEI_REVIEWED, keys.COUNT) == 1
    youths = members(scope=scope, table=keys.GENERAL_ACTION, row=keys.PAEI_REVIEWED, column=keys.COUNT)
    assert [y.first_name for y in youths] == ["Inès"]


def test_goals_count_by_domain_at_their_last_review_of_the_period(scope, project):
    first, school, other = project("Inès")
    review(first, D(2023, 6, 1), {school.pk: ("en_cours", ""), other.pk: ("non_engage", "")})
    review(first, D(2023, 11, 2), {school.pk: ("atteint", ""), other.pk: ("abandonne", "")})
    # A review after the period does not change the outcome read in the period.
    review(first, D(2024, 2, 1), {school.pk: ("abandonne", ""), other.pk: ("en_cours", "")})
    second, school_2, other_2 = project("Yanis")
    review(second, D(2023, 7, 1), {school_2.pk: ("en_cours", ""), other_2.pk: ("en_cours", "")})
    table = build_report(scope=scope).table(keys.PAEI_GOALS)
    assert [column.label for column in table.columns] == [
        "Non engagé",
        "En cours",
        "Atteint",
        "Abandonné",
        "Total",
    ]
    assert table.value("scolarite", "atteint") == 1
    assert table.value("scolarite", "en_cours") == 1
    assert table.value(keys.NOT_RECORDED, "abandonne") == 1
    assert table.value(keys.NOT_RECORDED, "en_cours") == 1
    assert table.value(keys.TOTAL, keys.GOALS) == 4
    reached = members(scope=scope, table=keys.PAEI_GOALS, row="scolarite", column="atteint")
    assert [goal.text for goal in reached] == ["Retourner au collège"]


def test_a_commune_report_counts_only_the_projects_of_its_youths(team, project, commune_scope):
    period, school, other = project("Inès")
    review(period, D(2023, 6, 1), {school.pk: ("en_cours", ""), other.pk: ("en_cours", "")})
    elsewhere = ReportScope(team=team, commune=CommuneFactory(team=team), start=START, end=END)
    assert build_report(scope=commune_scope).table(keys.PAEI_GOALS).value(keys.TOTAL, keys.GOALS) == 2
    assert build_report(scope=elsewhere).table(keys.PAEI_GOALS).value(keys.TOTAL, keys.GOALS) == 0


def test_a_goal_cell_opens_the_list_of_its_goals_with_the_youth(scope, project):
    period, school, other = project("Inès")
    review(period, D(2023, 6, 1), {school.pk: ("atteint", ""), other.pk: ("en_cours", "")})
    listing = drilldown_rows(
        scope=scope, table=keys.PAEI_GOALS, row=keys.TOTAL, column="atteint", reader=visible(UserFactory())
    )
    assert listing.total == 1
    assert [cell[0] for cell in listing.rows[0]] == ["Inès", "Scolarité", "Retourner au collège", "Atteint"]


def test_external_version_masks_the_goals_of_a_single_reviewed_project(scope, project, settings):
    settings.CARNET_SMALL_COUNT_THRESHOLD = 3
    reviewed, school, other = project("Inès")
    review(reviewed, D(2023, 6, 1), {school.pk: ("en_cours", ""), other.pk: ("atteint", "")})
    external = report_for(scope=scope, audience=Audience.EXTERNAL)
    assert external.table(keys.GENERAL_ACTION).cell(keys.PAEI_REVIEWED, keys.COUNT).hidden
    goals = external.table(keys.PAEI_GOALS)
    shown = [cell.value for row in goals.all_rows for cell in row.cells if not cell.hidden]
    assert set(shown) == {0}
    assert goals.cell("scolarite", "en_cours").hidden and goals.total.cell(keys.GOALS).hidden
