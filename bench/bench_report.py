"""Time the activity report on the demo team, on 100 times its records, and at sizes S, M, L (``make bench``).

    .venv/bin/python bench/bench_report.py                                         # SQLite
    python3 scripts/with_postgres.py -- .venv/bin/python bench/bench_report.py     # PostgreSQL

Each run uses its own database (SQLite under ``bench/data/sqlite/``, rebuilt
unless ``--reuse``; PostgreSQL is the throw-away server of with_postgres.py),
never ``var/``. It loads two data sets into it:

- the demo (``load_demo``), whose seed team is the EMPS of Montigny-en-Gohelle, 9 May to 31
  December 2023;
- "×100": one synthetic team-year (``synth --teams 1 --years 1 --start-year 2023``) with
  ``--youths-per-year 10800``, i.e. 100 times the 108 youths of the demo team, every other
  record growing in proportion: the whole-team report of a team-year 100 times the demo's;
- sizes S, M, L (``bench_scale.py``): 1 team × 1 year, 30 × 5, 100 × 10 (and XL, 300 × 10,
  with ``BENCH_SIZES=XL``), each in its own database, every step in its own process, with the
  DuckDB reference (``bench_duckdb.py``).

For each report it measures ``build_report`` (median of 5 runs after a warm-up),
its SQL queries, the tracemalloc peak of one build, and the rendering of each
format (median of up to 3 runs: runs stop once a format has taken
``--render-budget`` seconds). Results go to ``bench/results.md``, in the section
of the database, which replaces the previous one.
"""

import argparse
import datetime
import os
import shutil
import sys
import time

from bench_common import RESULTS, ROOT, load_average, log, sizes_to_run
from bench_data import load_data_sets
from bench_measures import measure
from bench_results import section, write_results
from bench_scale import run_sizes


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the databases of a previous run (SQLite, and sizes on PostgreSQL)",
    )
    parser.add_argument(
        "--sizes",
        default=sizes_to_run(),
        help="sizes of the scale benchmark, comma-separated (default S,M,L and those of BENCH_SIZES, "
        "e.g. BENCH_SIZES=XL; none: '')",
    )
    parser.add_argument(
        "--render-budget",
        type=float,
        default=20.0,
        help="seconds after which a format is not rendered again (default 20)",
    )
    parser.add_argument(
        "--skip-large-renders",
        action="store_true",
        help="do not render the ×100 report (its times do not depend on the database)",
    )
    return parser.parse_args()


def setup_django(args: argparse.Namespace) -> str:
    """Point Django at the benchmark's own database; returns the database's name."""
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    data_dir = ROOT / "bench" / "data" / database.lower()
    if database == "SQLite" and not args.reuse and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CARNET_VAR_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "carnet.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return database


def main() -> int:
    args = parse_args()
    began = time.perf_counter()
    load_at_start = load_average()
    database = setup_django(args)
    from carnet.reports.scope import ReportScope

    demo, big = load_data_sets(database)
    montigny = demo.team.communes.get(name="Montigny-en-Gohelle")
    start, end = datetime.date(2023, 5, 9), datetime.date(2023, 12, 31)
    cases = [
        (
            "demo, Montigny-en-Gohelle, 9 May–31 Dec 2023",
            demo,
            ReportScope(team=demo.team, commune=montigny, start=start, end=end),
        ),
        ("demo, whole team, 9 May–31 Dec 2023", demo, ReportScope(team=demo.team, start=start, end=end)),
        (
            "×100, whole team, 2023",
            big,
            ReportScope(team=big.team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)),
        ),
    ]
    measures = [
        measure(
            label,
            data_set,
            scope,
            render_budget=args.render_budget,
            render=not (data_set is big and args.skip_large_renders),
        )
        for label, data_set, scope in cases
    ]
    note = ""
    if args.skip_large_renders:
        note = (
            "The ×100 report is not rendered in this run (`--skip-large-renders`): renderers read only "
            "the report object, so its render times are those of the other database's section."
        )
    sizes = [size for size in args.sizes.split(",") if size]
    scale = run_sizes(database, sizes, reuse=args.reuse)
    load = f"{load_at_start} at the start, {load_average()} at the end"
    write_results(database, section(database, (demo, big), measures, note, load, scale))
    log(f"{database}: done in {time.perf_counter() - began:.0f} s; results in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
