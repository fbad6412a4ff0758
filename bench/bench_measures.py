"""The report benchmark's measures: building each report and rendering each format."""

import gc
import statistics
import tracemalloc
from dataclasses import dataclass, field

from bench_common import BUILD_RUNS, FORMATS, RENDER_RUNS, log, render_with_narrative, timed
from bench_data import DataSet

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
    funders = list(Funder.objects.filter(organisation=scope.team.organisation_id))
    for fmt in FORMATS:
        result.renders[fmt] = measure_rendering(report, fmt, funders, budget=render_budget)
        log(f"  {label}: {fmt} {result.renders[fmt].seconds:.2f} s ({result.renders[fmt].runs} runs)")
    return result


def measure_rendering(report, fmt: str, funders: list, *, budget: float) -> Rendering:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    with CaptureQueriesContext(connection) as captured:
        seconds, content = timed(lambda: render_with_narrative(report, fmt, funders))
    times.append(seconds)
    while len(times) < RENDER_RUNS and sum(times) < budget:
        seconds, _content = timed(lambda: render_with_narrative(report, fmt, funders))
        times.append(seconds)
    return Rendering(statistics.median(times), len(times), len(content), len(captured.captured_queries))
