"""Page latency under load: the youth list, its search, a youth's page and the report page.

    .venv/bin/python bench/bench_pages.py --size L [--reuse]
    python3 scripts/with_postgres.py -- .venv/bin/python bench/bench_pages.py --size L

Builds the synthetic data set of the size (and size S, for the query counts) in databases of
their own, counts the SQL queries of each page at S and at the size, serves the size with
gunicorn as in production, and has 20 locust users browse it: once with a think time, once in
a closed loop. Writes its part of the section "Pages under load" of bench/results.md.
Without DATABASE_URL, SQLite under bench/data/pages-<size>/; with it (PostgreSQL), one
database per size on that server.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "bench" / "pages"
sys.path.insert(0, str(PAGES_DIR))

import results  # noqa: E402
from bench_common import git_commit, load_average, machine  # noqa: E402
from processes import WORKERS, Gunicorn, run_measured  # noqa: E402

# The interpreter of the virtualenv this runs in; gunicorn and locust sit next to it.
PYTHON = Path(sys.executable)
DATA = ROOT / "bench" / "data"
SIZES = {"S": (1, 1), "M": (30, 5), "L": (100, 10)}
SEED = 1
# The synthetic accounts' password: they exist only in the benchmark's databases, on loopback.
PASSWORD = "banc-essai-pages-2026"
USERS = 20


def log(message: str) -> None:
    print(f"bench_pages: {message}", file=sys.stderr, flush=True)


def synth_args(size: str) -> str:
    teams, years = SIZES[size]
    return f"--teams {teams} --years {years} --seed {SEED}"


# --- Databases -----------------------------------------------------------------------------------


def database_env(size: str) -> dict[str, str]:
    env = dict(os.environ, CARNET_DEBUG="false", CARNET_LOG_LEVEL="WARNING")
    if server := os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"{server.rsplit('/', 1)[0]}/pages_{size.lower()}"
        env["CARNET_VAR_DIR"] = str(DATA / "pages-postgresql")
    else:
        env["CARNET_VAR_DIR"] = str(DATA / f"pages-{size}")
    Path(env["CARNET_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    return env


def create_database(env: dict[str, str], *, empty: bool) -> None:
    """The size's database, created if missing; ``empty`` drops its previous data first."""
    if "DATABASE_URL" not in env:
        if empty:
            for suffix in ("", "-wal", "-shm"):
                (Path(env["CARNET_VAR_DIR"]) / f"carnet.sqlite3{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    server, name = env["DATABASE_URL"].rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        if empty:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def probe(env: dict[str, str], *argv: str) -> tuple[dict, int]:
    """Run probe.py in the database's environment: its JSON answer and its peak memory."""
    with tempfile.TemporaryFile() as out:
        measured = run_measured([str(PYTHON), str(PAGES_DIR / "probe.py"), *argv], env=env, stdout=out)
        out.seek(0)
        answer = out.read().decode()
    if measured.returncode:
        raise SystemExit(f"bench_pages: probe {argv[0]} failed")
    return json.loads(answer.strip().splitlines()[-1]), measured.peak_kib


def manage(env: dict[str, str], *argv: str, memory: dict[str, int], step: str) -> float:
    measured = run_measured([str(PYTHON), str(ROOT / "manage.py"), *argv], env=env, stdout=subprocess.DEVNULL)
    if measured.returncode:
        raise SystemExit(f"bench_pages: {step} failed")
    memory[step] = measured.peak_kib
    return measured.seconds


def prepare(
    size: str, *, reuse: bool, memory: dict[str, int], workdir: Path
) -> tuple[dict, dict, float | None]:
    """The size's database, built (or reused), its static files, and the probe's plan and measures."""
    env = database_env(size)
    create_database(env, empty=not reuse)
    seconds = manage(env, "migrate", "--noinput", memory=memory, step=f"build {size}: migrate")
    if probe(env, "built")[0]["built"]:
        seconds = None
        log(f"size {size}: reused")
    else:
        log(f"size {size}: synth {synth_args(size)}…")
        synth = [*synth_args(size).split(), "--password", PASSWORD]
        seconds += manage(env, "synth", *synth, memory=memory, step=f"build {size}: synth")
        log(f"size {size}: built in {seconds:.0f} s")
    manage(env, "collectstatic", "--noinput", memory=memory, step=f"collectstatic ({size})")
    plan = workdir / f"plan-{size}.json"
    measures, peak = probe(env, "plan", str(USERS), str(plan))
    memory[f"query count at {size} (probe process)"] = peak
    log(f"size {size}: queries " + ", ".join(f"{p} {m['queries']}" for p, m in measures["pages"].items()))
    return env, measures, seconds


# --- Load ----------------------------------------------------------------------------------------


def locust(server: Gunicorn, *, plan: Path, prefix: Path, think: bool, seconds: int, memory: dict) -> dict:
    argv = [
        str(PYTHON.parent / "locust"),
        f"--locustfile={PAGES_DIR / 'locustfile.py'}",
        "--headless",
        f"--users={USERS}",
        f"--spawn-rate={USERS}",
        f"--run-time={seconds}s",
        f"--host={server.url}",
        f"--csv={prefix}",
        "--only-summary",
        "--loglevel=WARNING",
    ]
    env = dict(
        os.environ,
        BENCH_PAGES_PLAN=str(plan),
        BENCH_PAGES_PASSWORD=PASSWORD,
        BENCH_PAGES_THINK="1" if think else "0",
    )
    kind = "think-time" if think else "closed-loop"
    log(f"locust, {kind} run of {seconds} s…")
    with open(f"{prefix}.log", "w") as output:
        measured = run_measured(argv, env=env, stdout=output)
    memory[f"locust, {kind} run"] = measured.peak_kib
    return results.read_stats(prefix)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="L")
    parser.add_argument("--reuse", action="store_true", help="reuse the databases already built")
    parser.add_argument("--run-time", type=int, default=60, help="seconds of the think-time run")
    parser.add_argument("--closed-run-time", type=int, default=30, help="seconds of the closed-loop run")
    args = parser.parse_args()
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    began, load_before, memory = time.monotonic(), load_average(), {}
    with tempfile.TemporaryDirectory(prefix="carnet-pages-") as tmp:
        workdir = Path(tmp)
        env, small, build_seconds = prepare("S", reuse=args.reuse, memory=memory, workdir=workdir)
        large = small
        if args.size != "S":
            env, large, build_seconds = prepare(args.size, reuse=args.reuse, memory=memory, workdir=workdir)
        server = Gunicorn(python=PYTHON, env=env, log=workdir / "gunicorn.log")
        try:
            server.wait_ready()
            plan = workdir / f"plan-{args.size}.json"
            think = locust(
                server, plan=plan, prefix=workdir / "think", think=True, seconds=args.run_time, memory=memory
            )
            closed = locust(
                server,
                plan=plan,
                prefix=workdir / "closed",
                think=False,
                seconds=args.closed_run_time,
                memory=memory,
            )
            for name, kib in server.peak_memory_kib().items():
                memory[f"gunicorn {name}"] = kib
        finally:
            server.stop()
        failure_lines = results.read_failures(workdir / "think") + results.read_failures(workdir / "closed")
        server_log = (workdir / "gunicorn.log").read_text()
    if server_log.strip():
        log("gunicorn's error log:\n" + server_log[-4000:])
    memory["bench_pages.py itself"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run = {
        "database": database,
        "size": args.size,
        "synth_args": synth_args(args.size),
        "commit": git_commit(),
        "machine": machine(),
        "engine": large["engine"],
        "load_before": load_before,
        "load_after": load_average(),
        "build_seconds": build_seconds,
        "probe_small": small,
        "probe_large": large,
        "think": think,
        "closed": closed,
        "memory": memory,
        "failure_lines": failure_lines,
    }
    text = results.part(run)
    results.write_part(results.RESULTS, database, text)
    print(text)
    log(f"done in {time.monotonic() - began:.0f} s ({WORKERS} gunicorn workers); bench/results.md updated")


if __name__ == "__main__":
    main()
