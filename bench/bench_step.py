"""One step of the scale benchmark, in a process of its own so that its peak memory is its own.

    .venv/bin/python bench/bench_step.py generate --size L
    .venv/bin/python bench/bench_step.py report --size L --case org
    .venv/bin/python bench/bench_step.py render --size L --case team-year
    .venv/bin/python bench/bench_step.py duckdb --size L

``bench_scale.py`` runs these with the size's database in the environment
(``CARNET_VAR_DIR`` for SQLite, ``DATABASE_URL`` for PostgreSQL). The last line
of the output is the step's figures as JSON, with ``rss``: the process's peak
resident memory (``VmHWM``), which includes Python and Django themselves.
"""

import argparse
import datetime
import gc
import json
import os
import resource
import statistics
import sys
import tracemalloc
from pathlib import Path

from bench_common import (
    BUILD_BUDGET,
    BUILD_RUNS,
    ROOT,
    SCALE_FORMATS,
    SIZE_SEED,
    SIZES,
    START_YEAR,
    log,
    render_with_narrative,
    timed,
)

CASES = ("team-year", "team-all", "org")


def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "carnet.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def scope_of(size: str, case: str):
    from carnet.demo.synth_catalogue import DEFAULT_ORGANISATION_NAME
    from carnet.organisations.models import Organisation
    from carnet.reports.scope import ReportScope

    _teams, years = SIZES[size]
    last_year = START_YEAR + years - 1
    organisation = Organisation.objects.get(name=DEFAULT_ORGANISATION_NAME)
    team = organisation.teams.order_by("pk").first()
    first, last = datetime.date(START_YEAR, 1, 1), datetime.date(last_year, 12, 31)
    if case == "team-year":
        return ReportScope(team=team, start=datetime.date(last_year, 1, 1), end=last)
    if case == "team-all":
        return ReportScope(team=team, start=first, end=last)
    return ReportScope(organisation=organisation, start=first, end=last)


def generate(size: str) -> dict:
    from django.core.management import call_command
    from django.db import connection

    from carnet.demo.synth import synthesise

    call_command("migrate", verbosity=0)
    teams, years = SIZES[size]
    seconds, outcome = timed(
        lambda: synthesise(teams=teams, years=years, seed=SIZE_SEED, start_year=START_YEAR, progress=None)
    )
    analyse = 0.0
    if connection.vendor == "postgresql":
        # As autovacuum would shortly after such a load.
        analyse, _none = timed(lambda: connection.cursor().execute("ANALYZE"))
    return {
        "seconds": seconds,
        "analyse": analyse,
        "rows": sum(outcome.rows.values()),
        "youths": outcome.rows.get("youths.Youth", 0),
        "interventions": outcome.rows.get("activity.Intervention", 0),
    }


def report(size: str, case: str) -> dict:
    from bench_duckdb import carnet_tables
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from carnet.reports.build import build_report

    scope = scope_of(size, case)
    build_report(scope=scope)  # warm-up: caches, connection, first query plans
    times = []
    while len(times) < BUILD_RUNS and sum(times) < BUILD_BUDGET:
        times.append(timed(lambda: build_report(scope=scope))[0])
    with CaptureQueriesContext(connection) as captured:
        built = build_report(scope=scope)
    compared = [timed(lambda: build_report(scope=scope, compare_with_previous=True))[0] for _ in range(3)]
    tables = [timed(lambda: carnet_tables(scope))[0] for _ in range(3)]
    gc.collect()
    tracemalloc.start()
    build_report(scope=scope)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "build": statistics.median(times),
        "runs": len(times),
        "queries": len(captured.captured_queries),
        "slowest_query": max(float(query["time"]) for query in captured.captured_queries),
        "traced_peak": traced_peak,
        "youths": built.youths,
        "action_lines": len(built.actions),
        "data_gaps": len(built.data_gaps),
        "tables": statistics.median(tables),
        "compared": statistics.median(compared),
    }


def render(size: str, case: str) -> dict:
    from carnet.organisations.models import Funder
    from carnet.reports.build import build_report

    scope = scope_of(size, case)
    built = build_report(scope=scope)
    funders = list(Funder.objects.filter(organisation=scope.organisation_id))
    figures = {}
    for fmt in SCALE_FORMATS:

        def once(fmt=fmt):
            return render_with_narrative(built, fmt, funders)

        seconds, content = timed(once)
        times = [seconds]
        while len(times) < 3 and sum(times) < BUILD_BUDGET:
            times.append(timed(once)[0])
        figures[fmt] = {"seconds": statistics.median(times), "runs": len(times), "size": len(content)}
    return figures


def duckdb(size: str) -> dict:
    from bench_duckdb import carnet_tables, compare, duckdb_reference, export_to_parquet

    directory = Path(os.environ.get("BENCH_PARQUET_DIR", ROOT / "bench" / "data" / f"parquet-{size}"))
    export_seconds, rows = export_to_parquet(directory)
    figures = {"export": export_seconds, "rows": rows, "cases": {}}
    for case in CASES:
        scope = scope_of(size, case)
        teams = [scope.team.pk] if scope.team else list(scope.organisation.teams.values_list("pk", flat=True))
        seconds, tables = duckdb_reference(directory, teams, scope.start, scope.end)
        compare(carnet_tables(scope), tables)
        figures["cases"][case] = {"seconds": seconds, "equal": True}
        log(f"    DuckDB {size} {case}: {seconds * 1000:.1f} ms, figures equal to Carnet's")
    return figures


def peak_rss() -> int:
    """The process's peak resident memory in bytes: VmHWM, which starts again at exec (Linux
    carries ``ru_maxrss`` over an exec, so it would report the parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=("generate", "report", "render", "duckdb"))
    parser.add_argument("--size", choices=tuple(SIZES), required=True)
    parser.add_argument("--case", choices=CASES)
    args = parser.parse_args()
    setup_django()
    if args.step == "generate":
        figures = generate(args.size)
    elif args.step == "report":
        figures = report(args.size, args.case)
    elif args.step == "render":
        figures = render(args.size, args.case)
    else:
        figures = duckdb(args.size)
    figures["rss"] = peak_rss()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
