"""The scale benchmark (issue 7): sizes S, M and L (XL on demand) written by ``synth``, each in
its own database.

For each size, every step runs in a process of its own (``bench_step.py``), so
that the peak resident memory recorded for a step is that step's:

- *generate*: ``synth --teams N --years Y --seed 1`` from 2016 (bulk inserts), then
  ``ANALYZE`` on PostgreSQL;
- *report*: the report of the first team over the last year, of that team over every
  year, and of the whole organisation over every year: build time, SQL queries,
  tracemalloc peak, and the time of the seven tables DuckDB also computes;
- *render*: PDF, DOCX and XLSX of the team-year report and of the organisation's;
- *duckdb*: the records exported to Parquet, the seven tables computed by DuckDB for
  each report, asserted equal to Carnet's.

SQLite databases live under ``bench/data/sqlite-<size>/``; on PostgreSQL each size
is a database ``bench_<size>`` of the server in ``DATABASE_URL``. ``--reuse`` keeps
a size's database when it already holds its records.
"""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench_common import ROOT, SIZES, log

STEP = Path(__file__).resolve().parent / "bench_step.py"


@dataclass
class SizeResult:
    size: str
    generate: dict | None = None  # None: reused
    reports: dict[str, dict] = field(default_factory=dict)
    renders: dict[str, dict] = field(default_factory=dict)
    duckdb: dict = field(default_factory=dict)


def _size_environment(database: str, size: str, *, reuse: bool) -> tuple[dict, bool]:
    """The environment of the size's steps, and whether its database must be generated."""
    env = dict(os.environ, PYTHONPATH=str(STEP.parent))
    if database == "SQLite":
        data_dir = ROOT / "bench" / "data" / f"sqlite-{size}"
        fresh = not (reuse and (data_dir / "carnet.sqlite3").exists())
        if fresh and data_dir.exists():
            shutil.rmtree(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        env["CARNET_VAR_DIR"] = str(data_dir)
        return env, fresh
    import psycopg

    base = os.environ["DATABASE_URL"]
    name = f"bench_{size.lower()}"
    with psycopg.connect(base, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        fresh = not (reuse and exists)
        if fresh:
            connection.execute(f"DROP DATABASE IF EXISTS {name}")
            connection.execute(f"CREATE DATABASE {name}")
    env["DATABASE_URL"] = base.rsplit("/", 1)[0] + f"/{name}"
    return env, fresh


def _step(env: dict, *argv: str) -> dict:
    completed = subprocess.run(
        [sys.executable, str(STEP), *argv], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run_sizes(database: str, sizes: list[str], *, reuse: bool) -> list[SizeResult]:
    results = []
    for size in sizes:
        teams, years = SIZES[size]
        env, fresh = _size_environment(database, size, reuse=reuse)
        result = SizeResult(size)
        if fresh:
            log(f"{database} {size}: generating {teams} teams × {years} years…")
            result.generate = _step(env, "generate", "--size", size)
            log(f"{database} {size}: {result.generate['rows']:,} rows in {result.generate['seconds']:.0f} s")
        for case in ("team-year", "team-all", "org"):
            if case == "team-all" and years == 1:
                continue  # the same report as the team-year's
            result.reports[case] = _step(env, "report", "--size", size, "--case", case)
            figures = result.reports[case]
            log(
                f"{database} {size} {case}: build {figures['build'] * 1000:.0f} ms, "
                f"{figures['queries']} queries, RSS {figures['rss'] / 2**20:.0f} MiB"
            )
        for case in ("team-year", "org"):
            result.renders[case] = _step(env, "render", "--size", size, "--case", case)
        result.duckdb = _step(env, "duckdb", "--size", size)
        results.append(result)
    return results
