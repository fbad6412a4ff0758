"""The one rounding rule: half up, in integer arithmetic."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carnet.reports.rules import average, hours, percent


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 8, 13),  # 12.5 rounds up
        (3, 8, 38),  # 37.5 rounds up
        (1, 3, 33),
        (2, 3, 67),
        (73, 337, 22),
        (1, 337, 0),
        (5, 68, 7),
        (1, 200, 1),  # 0.5 rounds up
        (0, 10, 0),
        (10, 10, 100),
    ],
)
def test_percentage_is_rounded_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_percentage_of_nothing_is_zero():
    assert percent(0, 0) == 0


def test_average_is_rounded_half_up_and_none_without_values():
    assert average(27, 2) == 14  # 13.5
    assert average(26, 2) == 13
    assert average(0, 0) is None


def test_minutes_are_shown_as_hours_with_one_decimal():
    assert hours(14760) == Decimal("246.0")
    assert hours(90) == Decimal("1.5")
    assert hours(1) == Decimal("0.0")
    assert hours(3) == Decimal("0.1")  # 0.05 h rounds up
    assert hours(0) == Decimal("0.0")


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_percentage_matches_decimal_rounding_half_up(part, whole):
    exact = Decimal(100 * part) / Decimal(whole)
    assert percent(part, whole) == int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def test_rounding_rule_gives_the_percentages_printed_in_the_seed_report():
    tables = json.loads((Path(__file__).parents[1] / "fixtures" / "expected-tables.json").read_text())
    for name, count_at, percent_at in [("domains", 1, 3), ("age_by_sex", 1, 5), ("origin", 1, 5)]:
        rows = tables[name]["rows"]
        whole = sum(row[count_at] for row in rows)
        assert [percent(row[count_at], whole) for row in rows] == [row[percent_at] for row in rows], name
    situations = tables["situation"]["rows"]
    assert [percent(row[1], 62) for row in situations] == [row[5] for row in situations]
    assert [percent(row[1], 68) for row in tables["sex"]["rows"]] == [59, 41]
