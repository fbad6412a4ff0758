"""The report benchmark renders a built report the way its export is made, narrative included."""

import datetime
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_common

from carnet.reports.build import build_report
from carnet.reports.scope import ReportScope
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def built_report():
    intervention = InterventionFactory(domains=["scolarite"])
    scope = ReportScope(
        team=intervention.team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)
    )
    return build_report(scope=scope)


def test_the_html_the_bench_times_carries_the_narrative_of_every_written_section():
    html = bench_common.render_with_narrative(built_report(), "html", []).decode()

    assert html.count("présence sociale sur les quartiers prioritaires") >= 2


def test_the_spreadsheet_the_bench_times_is_an_xlsx_file():
    content = bench_common.render_with_narrative(built_report(), "xlsx", [])

    assert content[:2] == b"PK"
