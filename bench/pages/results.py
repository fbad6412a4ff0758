"""The pages benchmark's results: locust's statistics read back, and its section of ``results.md``.

``results.md`` is shared with the report benchmark, which rewrites its own sections: this
module replaces only the section "## Pages under load", and in it only the database's part.
"""

import csv
import datetime
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench_common import replace_part
from paths import ORGANISATION_PAGES, PAGES

RESULTS = Path(__file__).resolve().parents[1] / "results.md"
HEADING = "## Pages under load"
# The organisation's report has a subsection of its own in each database's part, which
# ``--only organisation`` replaces alone.
ORGANISATION_HEADING = "#### Organisation report"
TARGET_P95_MS = 150
TARGET_ORGANISATION_P95_MS = 600
LOGIN_ROW = "login"

INTRO = f"""{HEADING}

`bench/bench_pages.py --size L` measures the pages on SQLite, and under
`scripts/with_postgres.py` on a throw-away PostgreSQL server; each run replaces its own part below.

- **Data.** Built with the deterministic generator: S is `synth --teams 1 --years 1 --seed 1`,
  M `--teams 30 --years 5`, L `--teams 100 --years 10` (years 2016–2025), each size in its own
  database (SQLite under `bench/data/pages-<size>/`, a database of its own on PostgreSQL, where
  `ANALYZE` runs after loading as autovacuum would).
- **Server.** gunicorn `carnet.wsgi` on loopback, DEBUG off, static files collected (WhiteNoise),
  (2 × cores) + 1 sync workers: the views spend their time in Python (templates, ORM), so
  threads would only queue on the GIL, while the extra workers keep both cores busy when
  others wait on the database. Locust runs on the same machine and takes its share of the CPU.
- **Users.** 20 locust users, each signed in through the login form as the team leader of
  its own team (team leaders see youths and reports; the organisation does not demand
  two-factor codes). Each user's mix of tasks: youth list (first page) 2, search (htmx results
  fragment after 2 or 3 letters of a first name) 3, page of a random youth of the team 4,
  report page of a random year of the team (whole team, calendar year) 1. The page statistics
  start once the 20 users are signed in: the burst of 20 simultaneous logins (Argon2 hashing,
  slow by design) has its own line, and no page is asked for before it ends.
- **Think-time run** (the targets): each user waits 1 to 3 s (uniform) between requests, and
  as long before its first one, 60 s.
  **Closed loop**: no wait, each user sends its next request when the last one is answered,
  30 s: the server's saturation throughput, where latency is mostly queueing.
  Percentiles are locust's (rounded to two significant digits above 100 ms).
- **Organisation report** (issue 18; alone with `--only organisation`): 20 other locust users,
  each signed in through the login form as a director of the organisation (`synth` writes one
  director; the benchmark adds `banc-direction-01` to `-20` with the same password and role;
  the organisation demands no two-factor code, and a redirection to the code's page would
  count as a failure). Each opens the report of all the teams (the scope form's choice
  « Toutes les équipes », `team=org-<pk>`): 4 times in 5 for a random calendar year of the
  data, once in 5 for all its years (2016–2025 at L), with the same think time, 60 s. *Every
  request* is both kinds together: the line the target (p95 under 600 ms at L on PostgreSQL)
  is read from. Its *queries* and *alone* are those of the last year and of all years. With
  2 s of think time on average, 20 directors ask for up to 10 reports a second: latencies stay
  near *alone* only while that many builds a second fit in the machine's cores. On
  PostgreSQL the page keeps the built report and its outline until a write commits
  (`carnet.kept_reports`, docs/performance.md « Fifth step »): no write happens during the run,
  so each of the eleven reports is built by the first director to ask for it (its first
  requests are the slow ones) and read back after; *alone* (after a warm-up request) is a
  report read back, not built.
- **Queries**: SQL queries of one request of each page (Django's test client, every middleware
  included, after one warm-up request), at S and at L, for the heaviest case of the team: its
  youth with the most interventions, a 2-letter search, its last year's report. *Alone*: the
  median time of 5 such requests in one process, with no concurrent request.
- **Load average**: the machine is shared (other benchmarks, test suites); with 2 cores, a load
  above 2 during a run means the server had less than the whole machine, and latencies under
  load grow accordingly: compare them with *alone*.
- **Peak memory**: resident set peak (`ru_maxrss` of each finished step, `VmHWM` of each
  gunicorn process at the end of the runs).
"""


@dataclass(frozen=True)
class PageStats:
    requests: int
    failures: int
    p50: float
    p95: float
    max: float
    rps: float


NO_REQUEST = PageStats(requests=0, failures=0, p50=0.0, p95=0.0, max=0.0, rps=0.0)


def read_stats(prefix: Path) -> dict[str, PageStats]:
    """Locust's ``<prefix>_stats.csv``: one row per named request; a page no user reached in
    the run (a short run, with slow logins) has no row, and reads as no request."""
    with open(f"{prefix}_stats.csv", newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["Name"] != "Aggregated"]
    return defaultdict(lambda: NO_REQUEST, {row["Name"]: _page_stats(row) for row in rows})


def _page_stats(row: dict[str, str]) -> PageStats:
    def number(text: str) -> float:
        return 0.0 if text in ("", "N/A") else float(text)

    return PageStats(
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
        p50=number(row["50%"]),
        p95=number(row["95%"]),
        max=number(row["Max Response Time"]),
        rps=number(row["Requests/s"]),
    )


def read_total(prefix: Path) -> PageStats:
    """Locust's line of every request of the run once the users are signed in (the page
    statistics, total included, start again from zero when the last user is in)."""
    with open(f"{prefix}_stats.csv", newline="") as file:
        row = next(row for row in csv.DictReader(file) if row["Name"] == "Aggregated")
    return _page_stats(row)


def read_failures(prefix: Path) -> list[str]:
    with open(f"{prefix}_failures.csv", newline="") as file:
        return [f"{row['Name']}: {row['Error']} (×{row['Occurrences']})" for row in csv.DictReader(file)]


def ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def part(run: dict) -> str:
    """The database's part of the section, from everything ``bench_pages.py`` measured."""
    small, large, size = run["probe_small"], run["probe_large"], run["size"]
    think, closed = run["think"], run["closed"]
    plural = "s" if large["teams"] > 1 else ""
    built = "reused" if run["build_seconds"] is None else f"built in {run['build_seconds']:.0f} s"
    lines = [
        f"### {run['database']}",
        "",
        f"Measured on {datetime.date.today():%Y-%m-%d}, commit `{run['commit']}`: {run['machine']}, "
        f"{run['engine']}. Load average (1, 5, 15 min): {run['load_before']} at the start, "
        f"{run['load_after']} at the end.",
        "",
        f"Size {size} (`synth {run['synth_args']}`): {large['teams']} team{plural}, "
        f"{large['youths']:,} youths, {large['interventions']:,} interventions, "
        f"{large['audit_events']:,} audit events at the start; "
        f"{built}. Size S: {small['youths']:,} youths, {small['interventions']:,} interventions.",
        "",
        f"Think-time run, 20 users, size {size}:",
        "",
        f"| page | queries at S | queries at {size} | alone at {size} | p50 | p95 | max | requests "
        "| failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in PAGES:
        s = think[page]
        lines.append(
            f"| {page} | {small['pages'][page]['queries']} | {large['pages'][page]['queries']} "
            f"| {ms(large['pages'][page]['alone_ms'])} | {ms(s.p50)} | {ms(s.p95)} | {ms(s.max)} "
            f"| {s.requests:,} | {s.failures} |"
        )
    login = think[LOGIN_ROW]
    lines += [
        f"| login (20 at once) | | | | {ms(login.p50)} | {ms(login.p95)} | {ms(login.max)} "
        f"| {login.requests} | {login.failures} |",
        "",
        f"Closed loop, 20 users without think time, size {size}:",
        "",
        "| page | p50 | p95 | max | requests | requests/s | failures |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page in PAGES:
        s = closed[page]
        lines.append(
            f"| {page} | {ms(s.p50)} | {ms(s.p95)} | {ms(s.max)} | {s.requests:,} | {s.rps:.1f} "
            f"| {s.failures} |"
        )
    total_rps = sum(closed[page].rps for page in PAGES)
    lines += [f"| all pages | | | | {sum(closed[p].requests for p in PAGES):,} | {total_rps:.1f} | |", ""]
    lines += ["| step | peak memory |", "|---|---:|"]
    lines += [f"| {step} | {mib(kib)} |" for step, kib in run["memory"].items()]
    lines += ["", targets(run)]
    if run["failure_lines"]:
        lines += ["", "Failures: " + "; ".join(run["failure_lines"])]
    text = "\n".join(lines) + "\n"
    if "organisation" in run:
        text += "\n" + organisation_part(run)
    return text


def organisation_part(run: dict) -> str:
    """The subsection of the organisation's report: 20 directors with think time."""
    small, large, size = run["probe_small"]["pages"], run["probe_large"], run["size"]
    stats, total, login = run["organisation"], run["organisation_total"], run["organisation"][LOGIN_ROW]
    workers = [kib for name, kib in run["memory"].items() if name.startswith("gunicorn worker")]
    teams = f"{large['teams']} team{'s' if large['teams'] > 1 else ''}"
    lines = [
        ORGANISATION_HEADING,
        "",
        f"Measured on {datetime.date.today():%Y-%m-%d}, commit `{run['commit']}`, {run['engine']}. "
        f"Load average (1, 5, 15 min): {run['load_before']} at the start, {run['load_after']} at the end.",
        "",
        f"Think-time run, 20 directors, size {size} ({teams}, {large['youths']:,} youths, "
        f"{large['interventions']:,} interventions), report of all the teams:",
        "",
        f"| page | queries at S | queries at {size} | alone at {size} | p50 | p95 | max | requests "
        "| failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in ORGANISATION_PAGES:
        s, measured = stats[page], large["pages"][page]
        lines.append(
            f"| {page} | {small[page]['queries']} | {measured['queries']} | {ms(measured['alone_ms'])} "
            f"| {ms(s.p50)} | {ms(s.p95)} | {ms(s.max)} | {s.requests:,} | {s.failures} |"
        )
    lines += [
        f"| every request | | | | {ms(total.p50)} | {ms(total.p95)} | {ms(total.max)} | {total.requests:,} "
        f"| {total.failures} |",
        f"| login (20 at once) | | | | {ms(login.p50)} | {ms(login.p95)} | {ms(login.max)} "
        f"| {login.requests} | {login.failures} |",
    ]
    if workers:
        lines += [
            "",
            f"Peak memory of the gunicorn workers at the end: {mib(min(workers))} to {mib(max(workers))}.",
        ]
    lines += ["", organisation_verdict(total, size=size)]
    if run["organisation_failure_lines"]:
        lines += ["", "Failures: " + "; ".join(run["organisation_failure_lines"])]
    return "\n".join(lines) + "\n"


def organisation_verdict(total: PageStats, *, size: str) -> str:
    """The target read from the figures: p95 of every request under 600 ms, none failed."""
    target = f"p95 under {TARGET_ORGANISATION_P95_MS} ms with 20 directors"
    if size != "L":
        target += f" (set for size L; this run is at {size})"
    if not total.requests:
        return f"Target — {target}: not measured, no request was answered."
    figures = f"p95 {ms(total.p95)} over {total.requests:,} requests, {total.failures} failed"
    met = total.p95 < TARGET_ORGANISATION_P95_MS and not total.failures
    return f"Target — {target}: {'met' if met else 'not met'} ({figures})."


def targets(run: dict) -> str:
    think = run["think"]
    slow = [page for page in PAGES if think[page].p95 >= TARGET_P95_MS or not think[page].requests]
    failures = sum(stats.failures for stats in think.values()) + sum(
        stats.failures for stats in run["closed"].values()
    )
    small, large = run["probe_small"]["pages"], run["probe_large"]["pages"]
    flat = all(small[page]["queries"] == large[page]["queries"] for page in PAGES)
    verdicts = [
        f"p95 under {TARGET_P95_MS} ms at {run['size']} with 20 users: "
        + ("met for every page" if not slow else "not met for " + "; ".join(slow)),
        "errors: " + ("none" if not failures else f"{failures}"),
        "queries per page: " + ("the same at S and at L" if flat else "they differ between S and L"),
    ]
    return "Targets — " + "; ".join(verdicts) + "."


def write_part(results: Path, database: str, text: str, *, subsection: str | None = None) -> None:
    """Replace the database's part of the section (or add it), leaving the rest of the file alone;
    with ``subsection`` (its heading), replace only that subsection of the database's part.

    The file is read right before writing: the report benchmark may have rewritten its
    sections meanwhile."""
    content = results.read_text() if results.exists() else ""
    lines = content.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == HEADING), None)
    if start is None:
        before, after, current = content.rstrip("\n") + "\n\n" if content else "", "", ""
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        before, current, after = "".join(lines[:start]), "".join(lines[start:end]), "".join(lines[end:])
    if subsection is not None:
        text = with_subsection(database_part(current, database), subsection, text)
    section = INTRO + replace_part(current, "### ", database, text)
    results.write_text(before + section + ("\n" + after if after else ""))


def database_part(section: str, database: str) -> str:
    """The part ``### <database>`` of the section, up to the next database's; its heading
    alone when the section has none yet."""
    lines = section.splitlines(keepends=True)
    heading = f"### {database}"
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == heading), None)
    if start is None:
        return heading + "\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("### ")), len(lines))
    return "".join(lines[start:end])


def with_subsection(part: str, heading: str, text: str) -> str:
    """``part`` with its subsection ``heading`` (to the next heading or the end) replaced by
    ``text``, or ``text`` added at the end."""
    lines = part.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == heading), None)
    if start is None:
        return part.rstrip("\n") + "\n\n" + text
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    after = "".join(lines[end:])
    return "".join(lines[:start]) + text.rstrip("\n") + "\n" + ("\n" + after if after else "")
