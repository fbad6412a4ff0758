"""The organisation's report in the pages benchmark: its flag, its target read from the
figures, and its subsection of bench/results.md replaced alone."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "pages"))

import bench_pages
import paths
import results

TEAM_LEADERS_PART = "### SQLite\n\nTeam leaders' tables.\n\nTargets — team pages.\n"


def stats(*, p95: float, requests: int = 100, failures: int = 0) -> results.PageStats:
    return results.PageStats(requests=requests, failures=failures, p50=p95 / 2, p95=p95, max=p95 * 2, rps=5.0)


def test_only_organisation_selects_the_directors_run_alone():
    args = bench_pages.parse_args(["--size", "L", "--only", "organisation"])

    assert args.size == "L"
    assert args.only == bench_pages.ORGANISATION


def test_without_only_every_run_is_made():
    assert bench_pages.parse_args(["--size", "M"]).only is None


def test_an_unknown_only_value_is_refused():
    try:
        bench_pages.parse_args(["--only", "teams"])
    except SystemExit as exit_:
        assert exit_.code == 2
    else:
        raise AssertionError("--only teams was accepted")


def test_the_organisation_report_url_asks_the_scope_form_for_all_teams_over_whole_years():
    url = paths.organisation_report_page(7, 2016, 2025)

    assert url == "/bilans/?team=org-7&start=2016-01-01&end=2025-12-31"


def test_the_target_is_met_under_600_ms_without_failures():
    verdict = results.organisation_verdict(stats(p95=590), size="L")

    assert verdict == (
        "Target — p95 under 600 ms with 20 directors: met (p95 590 ms over 100 requests, 0 failed)."
    )


def test_the_target_is_not_met_at_600_ms():
    assert ": not met (p95 600 ms" in results.organisation_verdict(stats(p95=600), size="L")


def test_the_target_is_not_met_when_a_request_failed_however_fast():
    verdict = results.organisation_verdict(stats(p95=120, failures=1), size="L")

    assert ": not met (p95 120 ms over 100 requests, 1 failed)" in verdict


def test_a_run_without_any_answer_is_not_measured():
    verdict = results.organisation_verdict(stats(p95=0, requests=0), size="L")

    assert verdict.endswith("not measured, no request was answered.")


def test_a_run_at_another_size_says_the_target_is_set_for_l():
    verdict = results.organisation_verdict(stats(p95=200), size="M")

    assert "(set for size L; this run is at M): met" in verdict


def test_the_organisation_subsection_is_added_after_the_team_leaders_tables(tmp_path):
    path = tmp_path / "results.md"
    results.write_part(path, "SQLite", TEAM_LEADERS_PART)

    results.write_part(
        path, "SQLite", "#### Organisation report\n\nFirst.\n", subsection=results.ORGANISATION_HEADING
    )

    text = path.read_text()
    assert text.index("Targets — team pages.") < text.index("#### Organisation report") < text.index("First.")


def test_only_the_organisation_subsection_is_replaced_and_the_other_database_kept(tmp_path):
    path = tmp_path / "results.md"
    results.write_part(path, "SQLite", TEAM_LEADERS_PART + "\n#### Organisation report\n\nOld SQLite.\n")
    results.write_part(path, "PostgreSQL", "### PostgreSQL\n\n#### Organisation report\n\nOld PostgreSQL.\n")

    results.write_part(
        path, "SQLite", "#### Organisation report\n\nNew SQLite.\n", subsection=results.ORGANISATION_HEADING
    )

    text = path.read_text()
    assert "Old SQLite." not in text
    assert text.count("#### Organisation report") == 2
    assert text.index("Team leaders' tables.") < text.index("New SQLite.") < text.index("### PostgreSQL")
    assert "Old PostgreSQL." in text


def test_a_database_without_a_part_gets_one_holding_the_organisation_subsection(tmp_path):
    path = tmp_path / "results.md"
    results.write_part(path, "SQLite", TEAM_LEADERS_PART)

    results.write_part(
        path, "PostgreSQL", "#### Organisation report\n\nPG.\n", subsection=results.ORGANISATION_HEADING
    )

    text = path.read_text()
    assert text.index("### SQLite") < text.index("### PostgreSQL\n\n#### Organisation report\n\nPG.")


def test_a_subsection_followed_by_another_heading_keeps_what_follows():
    part = "### SQLite\n\nA.\n\n#### Organisation report\n\nOld.\n\n#### Later\n\nKept.\n"

    new = "#### Organisation report\n\nNew.\n"

    replaced = results.with_subsection(part, results.ORGANISATION_HEADING, new)

    assert replaced == "### SQLite\n\nA.\n\n#### Organisation report\n\nNew.\n\n#### Later\n\nKept.\n"
