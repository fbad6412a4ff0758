"""The report benchmark's results: the machine, the figures and the section of ``results.md``."""

import datetime
import sqlite3

from bench_common import (
    FORMATS,
    RENDER_RUNS,
    RESULTS,
    SCALE_FORMATS,
    SIZE_SEED,
    SIZES,
    START_YEAR,
    git_commit,
    machine,
    replace_part,
)
from bench_data import DataSet
from bench_measures import Measure
from bench_scale import SizeResult

INTRO = """# Report benchmark

`make bench` runs `bench/bench_report.py` on SQLite, then on a throw-away PostgreSQL server
(`scripts/with_postgres.py`); each run replaces its own section below (other sections, such
as the pages under load, are kept).

- **Sizes S, M, L** (issue 7), each in its own database: `synth --teams N --years Y --seed 1`
  from 2016 — S 1 team × 1 year, M 30 teams × 5 years, L 100 teams × 10 years, and, when
  asked for (`BENCH_SIZES=XL make bench`), XL 300 teams × 10 years. Each step runs
  in a process of its own (`bench/bench_step.py`): *generate* (bulk inserts, then `ANALYZE` on
  PostgreSQL), *report* (build, queries, tracemalloc peak), *render*, *DuckDB*. *Peak RSS* is
  the step's process peak resident memory (`VmHWM`), Python and Django included (about
  60 MiB before any work). Reports: the first team over the last year (*team-year*), the same
  team over every year (*team, all years*), the whole organisation over every year (*org*).
  Build: median of up to 5 runs after a warm-up (fewer when runs pass 20 s); *with previous
  period*: `build_report(compare_with_previous=True)`, median of 3 runs, and its ratio to the
  plain build.
- **DuckDB reference**: the records a report reads, exported to Parquet (`bench/bench_duckdb.py`),
  and seven tables (youths by modality, by age bracket × sex, by origin × sex, by situation × sex,
  interventions by domain, collective actions by type, street presence by kind) computed by
  DuckDB with the same rules in SQL; the bench asserts that every figure equals Carnet's.
  *7 tables, Carnet* is the time of Carnet's rules for the same seven tables (the youths read
  once, as `build_report` and DuckDB read them); *Carnet / DuckDB* is Carnet's time over
  DuckDB's for the same tables, *build / DuckDB* the whole `build_report` over DuckDB's seven
  tables.

- **Data sets.** *demo*: the seed's team of the demo, EMPS Montigny-en-Gohelle (`manage.py load_demo`,
  whose loading time covers its second, fictional team too). *×100*: one synthetic team-year,
  `synth --teams 1 --years 1 --seed 2023 --start-year 2023 --youths-per-year 10800`: 100 times the
  108 youths of the demo's whole-team report, every other record growing in proportion (the
  jitter of the generator gives about 90 to 120 times each kind of record). A report covers one
  team, so the ×100 report is the whole-team report of that team-year.
- **Build**: `build_report(scope=...)`, median of 5 runs after one warm-up; *queries*: SQL
  queries of one build (`CaptureQueriesContext`); *peak memory*: tracemalloc peak of one build.
- **Render**: the internal report laid out by the organisation's model with a short narrative in
  every section (`build_outline`), then `reports.services.render(outline=...)`, both timed
  together, median of up to 3 runs (fewer when a format exceeds the time budget: the
  number of runs is then shown). Renderers read only the report object, so their times do not
  depend on the database.
- PostgreSQL runs `ANALYZE` after loading, as autovacuum would shortly after such a load;
  SQLite is measured as Carnet uses it (no `ANALYZE`).
"""


# --- Results -------------------------------------------------------------------------------------------


def machine_line(database: str) -> str:
    import django
    from django.db import connection

    if connection.vendor == "postgresql":
        major, rest = divmod(connection.pg_version, 10000)
        engine = f"PostgreSQL {major}.{rest}"
    else:
        engine = f"SQLite {sqlite3.sqlite_version}"
    return (
        f"Measured on {datetime.date.today():%Y-%m-%d}, commit `{git_commit()}`: {machine()}, "
        f"Django {django.get_version()}, {engine}."
    )


def seconds(value: float) -> str:
    if value >= 10:
        return f"{value:.1f} s"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.0f} ms" if value >= 0.01 else f"{value * 1000:.1f} ms"


def size(value: int) -> str:
    return f"{value / 2**20:.1f} MiB" if value >= 2**20 else f"{value / 2**10:.0f} KiB"


def section(
    database: str,
    data_sets: tuple[DataSet, ...],
    measures: list[Measure],
    note: str,
    load: str,
    scale: list[SizeResult] = (),
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
    if scale:
        lines += scale_section(list(scale))
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


def write_results(database: str, text: str) -> None:
    """Replace the section of ``database`` in results.md (or add it), keeping the others."""
    current = RESULTS.read_text() if RESULTS.exists() else ""
    RESULTS.write_text(INTRO + replace_part(current, "## ", database, text))


def scale_section(results: list[SizeResult]) -> list[str]:
    """The tables of the sizes measured (S, M, L, and XL when asked for)."""
    lines = [
        "",
        "### Sizes " + ", ".join(result.size for result in results),
        "",
        "| size | made with | youths | interventions | rows | generation | peak RSS |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        teams, years = SIZES[result.size]
        command = f"`synth --teams {teams} --years {years} --seed {SIZE_SEED} --start-year {START_YEAR}`"
        g = result.generate
        if g is None:
            lines.append(f"| {result.size} | {command} | | | | reused | |")
            continue
        analyse = f" + ANALYZE {seconds(g['analyse'])}" if g["analyse"] else ""
        lines.append(
            f"| {result.size} | {command} | {g['youths']:,} | {g['interventions']:,} | {g['rows']:,} "
            f"| {seconds(g['seconds'])}{analyse} | {size(g['rss'])} |"
        )
    lines += [
        "",
        "| size | report | youths | build | with previous period | queries | slowest query "
        "| tracemalloc peak | peak RSS | 7 tables, Carnet | 7 tables, DuckDB | Carnet / DuckDB "
        "| build / DuckDB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    labels = {"team-year": "team-year", "team-all": "team, all years", "org": "org, all years"}
    for result in results:
        for case, r in result.reports.items():
            duck = result.duckdb["cases"][case]["seconds"]
            runs = "" if r["runs"] == 5 else f" ({r['runs']} runs)"
            compared = ""
            if "compared" in r:
                compared = f"{seconds(r['compared'])} ({r['compared'] / r['build']:.2f}×)"
            lines.append(
                f"| {result.size} | {labels[case]} | {r['youths']:,} | {seconds(r['build'])}{runs} "
                f"| {compared} | {r['queries']} "
                f"| {seconds(r['slowest_query'])} | {size(r['traced_peak'])} | {size(r['rss'])} "
                f"| {seconds(r['tables'])} | {seconds(duck)} | {r['tables'] / duck:.1f} "
                f"| {r['build'] / duck:.1f} |"
            )
    lines += [
        "",
        "| size | render | " + " | ".join(SCALE_FORMATS) + " | peak RSS |",
        "|---|---|" + "---:|" * (len(SCALE_FORMATS) + 1),
    ]
    for result in results:
        for case, r in result.renders.items():
            cells = [f"{seconds(r[fmt]['seconds'])} ({size(r[fmt]['size'])})" for fmt in SCALE_FORMATS]
            lines.append(
                f"| {result.size} | {labels[case]} | " + " | ".join(cells) + f" | {size(r['rss'])} |"
            )
    lines += [
        "",
        "| size | export to Parquet | rows exported | peak RSS of the DuckDB step |",
        "|---|---:|---:|---:|",
    ]
    for result in results:
        d = result.duckdb
        lines.append(f"| {result.size} | {seconds(d['export'])} | {d['rows']:,} | {size(d['rss'])} |")
    return lines
