"""Time the external version of a report: statistical disclosure control (issue 11).

    .venv/bin/python bench/bench_disclosure.py                # demo and ×100, SQLite
    .venv/bin/python bench/bench_disclosure.py --sizes L      # and the organisation at size L

The demo and the ×100 team-year (the data sets of ``bench_report.py``) are loaded into a
database of this bench's own (``bench/data/disclosure/``, kept with ``--reuse``). Size L
is read from the scale bench's database (``bench/data/sqlite-L/``, written by ``make
bench``), when it is there. For each report it measures the build (once) and the
external version of the built report (``disclosure.external_plan``: primary cells,
secondary selection, integer-programming check; median of 5 runs, fewer past 20 s),
and counts the masked figures, primary and secondary. The demo is also protected as an
issued set: a commune's report checked against the team's and the other commune's
already issued. Results go to ``bench/results.md``, section « External version ».
"""

import argparse
import datetime
import os
import shutil
import statistics
import sys
import time

from bench_common import BUILD_BUDGET, ROOT, load_average, log, timed
from bench_results import write_results

RUNS = 5
SECTION = "External version (SQLite)"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reuse", action="store_true", help="keep the database of a previous run")
    parser.add_argument("--sizes", default="", help="sizes of the scale bench to read (only L: 'L')")
    return parser.parse_args()


def setup_django(data_dir) -> None:
    os.environ["CARNET_VAR_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "carnet.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def protect(report, issued=()) -> tuple[list[float], object]:
    """Times of the external version of ``report`` (runs stop past the budget), and the plan."""
    from carnet.reports.disclosure import external_plan

    times, plan = [], None
    while len(times) < RUNS and sum(times) < BUILD_BUDGET:
        seconds, plan = timed(lambda: external_plan(report, threshold=3, issued=list(issued)))
        times.append(seconds)
    return times, plan


def line(label: str, build: float | None, times: list[float], plan) -> str:
    primary = plan.masked - plan.for_others
    build_text = f"{build:.2f} s" if build is not None else "—"
    return (
        f"| {label} | {build_text} | {statistics.median(times):.3f} s ({len(times)} runs) | "
        f"{plan.masked} | {primary} | {plan.for_others} |"
    )


def demo_and_big(reuse: bool) -> list[str]:
    data_dir = ROOT / "bench" / "data" / "disclosure"
    if not reuse and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_django(data_dir)
    from bench_data import load_data_sets

    from carnet.reports.build import build_report
    from carnet.reports.disclosure import external_version
    from carnet.reports.scope import ReportScope

    demo, big = load_data_sets("SQLite")
    start, end = datetime.date(2023, 5, 9), datetime.date(2023, 12, 31)
    team_scope = ReportScope(team=demo.team, start=start, end=end)
    communes = sorted(demo.team.communes.all(), key=lambda commune: commune.name)
    rows = []
    built = {}
    for label, scope in [
        ("demo, whole team", team_scope),
        *(
            (f"demo, {commune.name}", ReportScope(team=demo.team, commune=commune, start=start, end=end))
            for commune in communes
        ),
        (
            "×100, whole team, 2023",
            ReportScope(team=big.team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)),
        ),
    ]:
        build, report = timed(lambda scope=scope: build_report(scope=scope))
        built[label] = report
        times, plan = protect(report)
        rows.append(line(label, build, times, plan))
        log(rows[-1])
    # An issued set: the team and the first commune issued, then the last commune.
    first, last = (f"demo, {commune.name}" for commune in (communes[0], communes[-1]))
    issued = [external_version(built["demo, whole team"], threshold=3)]
    issued.append(external_version(built[first], threshold=3, issued=issued))
    times, plan = protect(built[last], issued)
    rows.append(line(f"{last}, with the team and {communes[0].name} issued", None, times, plan))
    log(rows[-1])
    return rows


def size_l() -> list[str]:
    """The organisation over every year at size L, in a process of its own (its own database)."""
    import subprocess

    data_dir = ROOT / "bench" / "data" / "sqlite-L"
    if not (data_dir / "carnet.sqlite3").exists() and not any(data_dir.glob("*.sqlite3")):
        log("size L: no database under bench/data/sqlite-L (run make bench first); skipped")
        return ["| L, organisation, every year | not measured: no size-L database | | | | |"]
    environment = dict(os.environ, CARNET_VAR_DIR=str(data_dir))
    output = subprocess.run(
        [sys.executable, __file__, "--l-step"], env=environment, capture_output=True, text=True, check=True
    )
    return [output.stdout.strip().splitlines()[-1]]


def l_step() -> None:
    from bench_step import scope_of
    from bench_step import setup_django as setup

    setup()
    from carnet.reports.build import build_report

    build, report = timed(lambda: build_report(scope=scope_of("L", "org")))
    times, plan = protect(report)
    print(line("L, organisation, every year", build, times, plan))


def main() -> int:
    if "--l-step" in sys.argv:
        l_step()
        return 0
    args = parse_args()
    began = time.perf_counter()
    load_at_start = load_average()
    rows = demo_and_big(args.reuse)
    if "L" in [size for size in args.sizes.split(",") if size]:
        rows += size_l()
    text = "\n".join(
        [
            f"## {SECTION}",
            "",
            "`bench/bench_disclosure.py`: the external version of a built report (primary cells, "
            "secondary selection by linear programming, check by integer programming, HiGHS), "
            "median of up to 5 runs; *build*: one `build_report`, for scale. Threshold 3.",
            f"Load average: {load_at_start} at the start, {load_average()} at the end.",
            "",
            "| Report | Build | External version | Masked | Primary | Secondary |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )
    write_results(SECTION, text + "\n")
    log(f"done in {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
