"""The report is computed in the database: its number of queries does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carnet.reports.build import build_report

from .activity import record_activity

pytestmark = pytest.mark.django_db

# Three of them: the PAEI figures (R16, youths reviewed and goals) and the diagnostics (R17).
QUERIES_PER_REPORT = 16


def queries_to_build(scope, **options) -> int:
    with CaptureQueriesContext(connection) as context:
        build_report(scope=scope, **options)
    return len(context.captured_queries)


def test_report_takes_the_same_number_of_queries_for_little_and_much_data(
    scope, team, commune, django_assert_max_num_queries
):
    empty = queries_to_build(scope)
    record_activity(team=team, commune=commune, youths=2)
    with django_assert_max_num_queries(QUERIES_PER_REPORT):
        build_report(scope=scope)
    small = queries_to_build(scope)
    record_activity(team=team, commune=commune, youths=40)
    with django_assert_max_num_queries(QUERIES_PER_REPORT):
        build_report(scope=scope)
    big = queries_to_build(scope)
    assert empty == small == big == QUERIES_PER_REPORT


def test_commune_report_takes_the_same_number_of_queries(commune_scope, team, commune):
    record_activity(team=team, commune=commune, youths=30)
    assert queries_to_build(commune_scope) == QUERIES_PER_REPORT


def test_comparison_with_the_previous_period_doubles_the_queries_and_no_more(scope, team, commune):
    record_activity(team=team, commune=commune, youths=3)
    small = queries_to_build(scope, compare_with_previous=True)
    record_activity(team=team, commune=commune, youths=25, start=scope.previous().start)
    assert small == queries_to_build(scope, compare_with_previous=True) == 2 * QUERIES_PER_REPORT
