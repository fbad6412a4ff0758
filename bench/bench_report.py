"""Time the activity report on the demo team and on 100 times its records (``make bench``).

    .venv/bin/python bench/bench_report.py                                         # SQLite
    python3 scripts/with_postgres.py -- .venv/bin/python bench/bench_report.py     # PostgreSQL

Each run uses its own database (SQLite under ``bench/data/sqlite/``, rebuilt
unless ``--reuse``; PostgreSQL is the throw-away server of with_postgres.py),
never ``var/``. It loads two data sets into it:

- the demo (``load_demo``), whose seed team is the EMPS of Montigny-en-Gohelle, 9 May to 31
  December 2023;
- "×100": one synthetic team-year (``synth --teams 1 --years 1 --start-year 2023``) with
  ``--youths-per-year 10800``, i.e. 100 times the 108 youths of the demo team, every other
  record growing in proportion. The report's scope is one team (there is no
  organisation-wide report), so "the same report with 100× the records" is the
  whole-team report of a team-year 100 times the demo's.

For each report it measures ``build_report`` (median of 5 runs after a warm-up),
its SQL queries, the tracemalloc peak of one build, and the rendering of each
format (median of up to 3 runs: runs stop once a format has taken
``--render-budget`` seconds). Results go to ``bench/results.md``, in the section
of the database, which replaces the previous one.
"""

import argparse
import datetime
import gc
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"
SEED = 2023
BIG_ORGANISATION = "Banc d'essai ×100"
BIG_YOUTHS_PER_YEAR = 10800  # 100 × the 108 youths of the demo's whole-team report
BUILD_RUNS = 5
RENDER_RUNS = 3
FORMATS = ("html", "pdf", "docx", "odt", "xlsx")
NARRATIVE_PARAGRAPH = (
    "L'équipe a poursuivi sa présence sociale sur les quartiers prioritaires et renforcé le lien "
    "avec les partenaires du territoire. Les accompagnements individuels ont porté d'abord sur la "
    "scolarité, la santé et l'insertion professionnelle."
)

INTRO = """# Report benchmark

`make bench` runs `bench/bench_report.py` on SQLite, then on a throw-away PostgreSQL server
(`scripts/with_postgres.py`); each run replaces its own section below.

- **Data sets.** *demo*: the seed's team of the demo, EMPS Montigny-en-Gohelle (`manage.py load_demo`,
  whose loading time covers its second, fictional team too). *×100*: one synthetic team-year,
  `synth --teams 1 --years 1 --seed 2023 --start-year 2023 --youths-per-year 10800`: 100 times the
  108 youths of the demo's whole-team report, every other record growing in proportion (the
  jitter of the generator gives about 90 to 120 times each kind of record). A report covers one
  team, so the ×100 report is the whole-team report of that team-year.
- **Build**: `build_report(scope=...)`, median of 5 runs after one warm-up; *queries*: SQL
  queries of one build (`CaptureQueriesContext`); *peak memory*: tracemalloc peak of one build.
- **Render**: `reports.services.render(...)` of the internal report with a short narrative in
  every section, median of up to 3 runs (fewer when a format exceeds the time budget: the
  number of runs is then shown). Renderers read only the report object, so their times do not
  depend on the database.
- PostgreSQL runs `ANALYZE` after loading, as autovacuum would shortly after such a load;
  SQLite is measured as Carnet uses it (no `ANALYZE`).
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reuse", action="store_true", help="keep the SQLite database of a previous run")
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


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result


# --- Data ----------------------------------------------------------------------------------------------


@dataclass
class DataSet:
    name: str
    command: str
    team: object
    load_seconds: float | None  # None: reused from a previous run
    records: int = 0


def load_data_sets(database: str) -> tuple[DataSet, DataSet]:
    from django.db import connection

    from carnet.demo import catalogue
    from carnet.demo.loader import demo_is_loaded, load_demo
    from carnet.demo.synth import synthesise
    from carnet.organisations.models import Team

    demo_seconds = None
    if not demo_is_loaded():
        demo_seconds, _outcome = timed(load_demo)
        log(f"{database}: demo loaded in {demo_seconds:.1f} s")
    big_seconds = None
    if not Team.objects.filter(organisation__name=BIG_ORGANISATION).exists():
        log(f"{database}: generating the ×100 data set…")
        big_seconds, _outcome = timed(
            lambda: synthesise(
                teams=1,
                years=1,
                seed=SEED,
                start_year=2023,
                organisation_name=BIG_ORGANISATION,
                youths_per_year=BIG_YOUTHS_PER_YEAR,
                progress=log,
            )
        )
        log(f"{database}: ×100 data set generated in {big_seconds:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    demo = DataSet(
        "demo",
        "`load_demo`",
        Team.objects.get(organisation__name=catalogue.DEMO_ORGANISATION_NAME, name=catalogue.DEMO_TEAM_NAME),
        demo_seconds,
    )
    big = DataSet(
        "×100",
        f"`synth --teams 1 --years 1 --seed {SEED} --start-year 2023 "
        f"--youths-per-year {BIG_YOUTHS_PER_YEAR}`",
        Team.objects.get(organisation__name=BIG_ORGANISATION),
        big_seconds,
    )
    for data_set in (demo, big):
        data_set.records = count_records(data_set.team)
    return demo, big


def count_records(team) -> int:
    """Rows of the team's records: youths and their histories, activity, and their link tables."""
    from carnet.activity.models import (
        CollectiveAction,
        Intervention,
        PartnershipMeeting,
        PresenceSession,
        TerritorialDiagnostic,
    )
    from carnet.youths.models import AccompanimentPeriod, PaeiGoal, SituationChange, Youth

    counts = [
        Youth.objects.filter(team=team),
        SituationChange.objects.filter(youth__team=team),
        AccompanimentPeriod.objects.filter(youth__team=team),
        AccompanimentPeriod.referents.through.objects.filter(accompanimentperiod__youth__team=team),
        PaeiGoal.objects.filter(period__youth__team=team),
        TerritorialDiagnostic.objects.filter(team=team),
        TerritorialDiagnostic.partners.through.objects.filter(territorialdiagnostic__team=team),
    ]
    for model, links in (
        (Intervention, ("domains", "educators", "partners")),
        (CollectiveAction, ("participants", "partners", "educators")),
        (PresenceSession, ("educators", "known_youths")),
        (PartnershipMeeting, ("partners", "educators")),
    ):
        counts.append(model.objects.filter(team=team))
        source = model._meta.model_name
        for name in links:
            through = getattr(model, name).through
            counts.append(through.objects.filter(**{f"{source}__team": team}))
    return sum(queryset.count() for queryset in counts)


# --- Measures ------------------------------------------------------------------------------------------


@dataclass
class Rendering:
    seconds: float
    runs: int
    size: int
    queries: int


@dataclass
class Measure:
    label: str
    data_set: DataSet
    youths: int = 0
    action_lines: int = 0
    build_seconds: float = 0.0
    queries: int = 0
    slowest_query: float = 0.0
    peak_bytes: int = 0
    renders: dict[str, Rendering] = field(default_factory=dict)


def measure(label: str, data_set: DataSet, scope, *, render_budget: float, render: bool) -> Measure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from carnet.organisations.models import Funder
    from carnet.reports.build import build_report
    from carnet.reports.models import NarrativeSection

    result = Measure(label, data_set)
    build_report(scope=scope)  # warm-up: caches, connection, first query plans
    result.build_seconds = statistics.median(
        timed(lambda: build_report(scope=scope))[0] for _ in range(BUILD_RUNS)
    )
    with CaptureQueriesContext(connection) as captured:
        report = build_report(scope=scope)
    result.queries = len(captured.captured_queries)
    result.slowest_query = max(float(query["time"]) for query in captured.captured_queries)
    result.youths = report.youths
    result.action_lines = len(report.actions)
    gc.collect()
    tracemalloc.start()
    build_report(scope=scope)
    result.peak_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    log(
        f"  {label}: build {result.build_seconds:.3f} s, {result.queries} queries, "
        f"peak {result.peak_bytes / 2**20:.1f} MiB"
    )
    if not render:
        return result
    narrative = {section.value: NARRATIVE_PARAGRAPH for section in NarrativeSection}
    funders = list(Funder.objects.filter(organisation=scope.team.organisation_id))
    for fmt in FORMATS:
        result.renders[fmt] = measure_rendering(report, fmt, narrative, funders, budget=render_budget)
        log(f"  {label}: {fmt} {result.renders[fmt].seconds:.2f} s ({result.renders[fmt].runs} runs)")
    return result


def measure_rendering(report, fmt: str, narrative: dict, funders: list, *, budget: float) -> Rendering:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from carnet.reports.services import render

    times = []
    with CaptureQueriesContext(connection) as captured:
        seconds, content = timed(
            lambda: render(report=report, fmt=fmt, narrative=narrative, funders=funders, audience="internal")
        )
    times.append(seconds)
    while len(times) < RENDER_RUNS and sum(times) < budget:
        seconds, _content = timed(
            lambda: render(report=report, fmt=fmt, narrative=narrative, funders=funders, audience="internal")
        )
        times.append(seconds)
    return Rendering(statistics.median(times), len(times), len(content), len(captured.captured_queries))


# --- Results -------------------------------------------------------------------------------------------


def machine_line(database: str) -> str:
    import django
    from django.db import connection

    cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    memory = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    if connection.vendor == "postgresql":
        major, rest = divmod(connection.pg_version, 10000)
        engine = f"PostgreSQL {major}.{rest}"
    else:
        engine = f"SQLite {sqlite3.sqlite_version}"
    return (
        f"Measured on {datetime.date.today():%Y-%m-%d}, commit `{git_commit()}`: {cpus} CPUs ({model}), "
        f"{memory / 2**20:.1f} GiB of memory, Python {platform.python_version()}, "
        f"Django {django.get_version()}, {engine}."
    )


def load_average() -> str:
    """Other work on the machine slows every figure down: the load says how much there was."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def git_commit() -> str:
    def git(*argv: str) -> str:
        return subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return f"{commit} + uncommitted changes" if git("status", "--porcelain") else commit


def seconds(value: float) -> str:
    if value >= 10:
        return f"{value:.1f} s"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.0f} ms" if value >= 0.01 else f"{value * 1000:.1f} ms"


def size(value: int) -> str:
    return f"{value / 2**20:.1f} MiB" if value >= 2**20 else f"{value / 2**10:.0f} KiB"


def section(
    database: str, data_sets: tuple[DataSet, ...], measures: list[Measure], note: str, load: str
) -> str:
    demo = data_sets[0]
    lines = [f"## {database}", "", machine_line(database), "", f"Load average (1, 5, 15 min): {load}.", ""]
    lines += ["| data set | made with | records (rows) | × demo | loading |", "|---|---|---:|---:|---:|"]
    for data_set in data_sets:
        loading = "reused" if data_set.load_seconds is None else seconds(data_set.load_seconds)
        ratio = data_set.records / demo.records
        lines.append(
            f"| {data_set.name} | {data_set.command} | {data_set.records:,} | {ratio:.0f} | {loading} |"
        )
    lines += [
        "",
        "| report | youths | lines of the action list | build (median of 5) | queries | slowest query "
        "| peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measures:
        lines.append(
            f"| {m.label} | {m.youths:,} | {m.action_lines:,} | {seconds(m.build_seconds)} | {m.queries} "
            f"| {seconds(m.slowest_query)} | {size(m.peak_bytes)} |"
        )
    lines += ["", "| render | " + " | ".join(FORMATS) + " |", "|---|" + "---:|" * len(FORMATS)]
    for m in measures:
        if not m.renders:
            continue
        cells = []
        for fmt in FORMATS:
            r = m.renders[fmt]
            runs = "" if r.runs == RENDER_RUNS else f", {r.runs} run{'s' if r.runs > 1 else ''}"
            queries = f", {r.queries} {'query' if r.queries == 1 else 'queries'}" if r.queries else ""
            cells.append(f"{seconds(r.seconds)} ({size(r.size)}{runs}{queries})")
        lines.append(f"| {m.label} | " + " | ".join(cells) + " |")
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


def write_results(database: str, text: str) -> None:
    """Replace the section of ``database`` in results.md (or add it), keeping the others."""
    sections: dict[str, str] = {}
    if RESULTS.exists():
        current = None
        for line in RESULTS.read_text().splitlines(keepends=True):
            if line.startswith("## "):
                current = line[3:].strip()
                sections[current] = ""
            if current:
                sections[current] += line
    sections[database] = text
    order = sorted(sections, key=lambda name: ({"SQLite": 0, "PostgreSQL": 1}.get(name, 2), name))
    RESULTS.write_text(INTRO + "".join("\n" + sections[name].rstrip("\n") + "\n" for name in order))


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
    load = f"{load_at_start} at the start, {load_average()} at the end"
    write_results(database, section(database, (demo, big), measures, note, load))
    log(f"{database}: done in {time.perf_counter() - began:.0f} s; results in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
