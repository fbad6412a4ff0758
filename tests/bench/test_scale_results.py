"""The scale benchmark's sizes: XL is opt-in (BENCH_SIZES=XL) and reported with the same columns as L."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_common
import bench_results
from bench_scale import SizeResult

CASES = ("team-year", "team-all", "org")


def measured(size: str) -> SizeResult:
    """Figures shaped as bench_step.py prints them (the values do not matter here)."""
    report = {
        "build": 1.5,
        "runs": 3,
        "queries": 17,
        "slowest_query": 0.3,
        "traced_peak": 6 * 2**20,
        "youths": 44_093,
        "rss": 80 * 2**20,
        "tables": 0.6,
        "compared": 2.1,
    }
    render = {fmt: {"seconds": 1.0, "size": 150_000, "runs": 3} for fmt in bench_common.SCALE_FORMATS}
    return SizeResult(
        size=size,
        generate={
            "seconds": 120.0,
            "analyse": 0.8,
            "rows": 2_877_529,
            "youths": 44_093,
            "interventions": 325_707,
            "rss": 77 * 2**20,
        },
        reports={case: dict(report) for case in CASES},
        renders={case: render | {"rss": 400 * 2**20} for case in ("team-year", "org")},
        duckdb={
            "export": 3.4,
            "rows": 1_760_464,
            "rss": 200 * 2**20,
            "cases": {case: {"seconds": 0.15} for case in CASES},
        },
    )


def tables(lines: list[str]) -> list[list[str]]:
    """The markdown tables of ``lines``: each a list of its rows."""
    found, current = [], []
    for line in [*lines, ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found


def test_xl_is_added_to_the_default_sizes_when_asked_for():
    assert bench_common.sizes_to_run("XL") == "S,M,L,XL"


def test_without_bench_sizes_the_default_sizes_run(monkeypatch):
    monkeypatch.delenv("BENCH_SIZES", raising=False)

    assert bench_common.sizes_to_run() == "S,M,L"


def test_xl_is_300_teams_over_10_years():
    assert bench_common.SIZES["XL"] == (300, 10)


def test_an_unknown_size_is_refused_with_the_sizes_to_choose_from():
    with pytest.raises(SystemExit, match=r"Unknown bench size.*XXL.*S, M, L, XL"):
        bench_common.sizes_to_run("XXL")


def test_xl_rows_have_the_columns_of_l_in_every_table():
    lines = bench_results.scale_section([measured("L"), measured("XL")])

    assert "### Sizes L, XL" in lines
    for table in tables(lines):
        header_cells = table[0].count("|")
        l_rows = [row for row in table[2:] if row.startswith("| L |")]
        xl_rows = [row for row in table[2:] if row.startswith("| XL |")]
        assert len(l_rows) == len(xl_rows) >= 1
        assert all(row.count("|") == header_cells for row in l_rows + xl_rows)
    assert "| XL | `synth --teams 300 --years 10 --seed 1 --start-year 2016` |" in "\n".join(lines)
