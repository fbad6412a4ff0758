"""Page latency under load: the youth list, its search, a youth's page, the report pages.

    .venv/bin/python bench/bench_pages.py --size L [--reuse]
    python3 scripts/with_postgres.py -- .venv/bin/python bench/bench_pages.py --size L
    .venv/bin/python bench/bench_pages.py --size L --only organisation   # the directors' run alone
    .venv/bin/python bench/bench_pages.py --size S --run-time 20 --closed-run-time 10   # a short check

Builds the synthetic data set of the size (and size S, for the query counts) in databases of
their own, counts the SQL queries of each page at S and at the size, serves the size with
gunicorn as in production, and has 20 locust team leaders browse it: once with a think time,
once in a closed loop; then 20 directors open the organisation's report with a think time.
Writes its part of the section "Pages under load" of bench/results.md (``--only organisation``:
only the organisation's subsection of that part). Without DATABASE_URL, SQLite under
bench/data/pages-<size>/; with it (PostgreSQL), one database per size on that server.
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
# The locustfile's user classes, and the value of --only that runs the directors alone.
TEAM_LEADERS, DIRECTORS = "TeamLeader", "Director"
ORGANISATION = "organisation"


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


def locust(
    server: Gunicorn, *, users: str, plan: Path, prefix: Path, think: bool, seconds: int, memory: dict
) -> dict:
    """One locust run of 20 ``users`` (a user class of the locustfile); its statistics."""
    argv = [
        str(PYTHON.parent / "locust"),
        f"--locustfile={PAGES_DIR / 'locustfile.py'}",
        users,
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
    kind = ("think-time" if think else "closed-loop") + (" of directors" if users == DIRECTORS else "")
    log(f"locust, {kind} run of {seconds} s…")
    with open(f"{prefix}.log", "w") as output:
        measured = run_measured(argv, env=env, stdout=output)
    if measured.returncode not in (0, 1):  # 1: some requests failed, which the results show
        raise SystemExit(f"bench_pages: locust stopped (exit {measured.returncode}), see {prefix}.log")
    memory[f"locust, {kind} run"] = measured.peak_kib
    return results.read_stats(prefix)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="L")
    parser.add_argument("--reuse", action="store_true", help="reuse the databases already built")
    parser.add_argument(
        "--only",
        choices=(ORGANISATION,),
        help="run only the directors opening the organisation's report, and replace only its "
        "subsection of results.md",
    )
    parser.add_argument(
        "--run-time", type=int, default=60, help="seconds of each think-time run (team leaders, directors)"
    )
    parser.add_argument("--closed-run-time", type=int, default=30, help="seconds of the closed-loop run")
    parser.add_argument(
        "--results", type=Path, default=results.RESULTS, help="the results file (default bench/results.md)"
    )
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    began, load_before, memory = time.monotonic(), load_average(), {}
    with tempfile.TemporaryDirectory(prefix="carnet-pages-") as tmp:
        workdir = Path(tmp)
        env, small, build_seconds = prepare("S", reuse=args.reuse, memory=memory, workdir=workdir)
        large = small
        if args.size != "S":
            env, large, build_seconds = prepare(args.size, reuse=args.reuse, memory=memory, workdir=workdir)
        server = Gunicorn(python=PYTHON, env=env, log=workdir / "gunicorn.log")
        team_runs = () if args.only == ORGANISATION else ("think", "closed")
        stats = {}
        try:
            server.wait_ready()
            plan = workdir / f"plan-{args.size}.json"
            for run_name in team_runs:
                think = run_name == "think"
                stats[run_name] = locust(
                    server,
                    users=TEAM_LEADERS,
                    plan=plan,
                    prefix=workdir / run_name,
                    think=think,
                    seconds=args.run_time if think else args.closed_run_time,
                    memory=memory,
                )
            stats[ORGANISATION] = locust(
                server,
                users=DIRECTORS,
                plan=plan,
                prefix=workdir / ORGANISATION,
                think=True,
                seconds=args.run_time,
                memory=memory,
            )
            organisation_total = results.read_total(workdir / ORGANISATION)
            for name, kib in server.peak_memory_kib().items():
                memory[f"gunicorn {name}"] = kib
        finally:
            server.stop()
        failure_lines = [line for name in team_runs for line in results.read_failures(workdir / name)]
        organisation_failure_lines = results.read_failures(workdir / ORGANISATION)
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
        "organisation": stats[ORGANISATION],
        "organisation_total": organisation_total,
        "organisation_failure_lines": organisation_failure_lines,
        "memory": memory,
        "failure_lines": failure_lines,
    }
    if args.only == ORGANISATION:
        text = results.organisation_part(run)
        results.write_part(args.results, database, text, subsection=results.ORGANISATION_HEADING)
    else:
        text = results.part(run | {"think": stats["think"], "closed": stats["closed"]})
        results.write_part(args.results, database, text)
    print(text)
    log(f"done in {time.monotonic() - began:.0f} s ({WORKERS} gunicorn workers); {args.results} updated")


if __name__ == "__main__":
    main()
