"""Settings and helpers shared by the parts of the report benchmark (``bench_report.py``)."""

import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
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


def render_with_narrative(report, fmt: str, funders: list) -> bytes:
    """``report`` in ``fmt`` as its export is made: laid out by the organisation's model, with
    ``NARRATIVE_PARAGRAPH`` in every written section and ``funders`` on the cover. The layout
    (the outline every format shares) is timed with the format's renderer."""
    from carnet.reports.models import NarrativeSection
    from carnet.reports.renderers.outline import build_outline
    from carnet.reports.services import funder_marks, render, report_model

    outline = build_outline(
        report=report,
        model=report_model(scope=report.scope, draft=None),
        narrative={section.value: NARRATIVE_PARAGRAPH for section in NarrativeSection},
        funders=funder_marks(funders),
    )
    return render(outline=outline, fmt=fmt)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    began = time.perf_counter()
    result = action()
    return time.perf_counter() - began, result


# Sizes of the scale benchmark (issue 7): teams × years written by ``synth`` from START_YEAR.
# XL (a département's federation) is opt-in: ``BENCH_SIZES=XL make bench`` adds it.
SIZES = {"S": (1, 1), "M": (30, 5), "L": (100, 10), "XL": (300, 10)}
DEFAULT_SIZES = ("S", "M", "L")


def sizes_to_run(requested: str | None = None) -> str:
    """The default sizes, then those of ``BENCH_SIZES`` (comma-separated) not among them."""
    extra = [size for size in (requested or os.environ.get("BENCH_SIZES", "")).split(",") if size]
    unknown = [size for size in extra if size not in SIZES]
    if unknown:
        raise SystemExit(f"Unknown bench size(s) {', '.join(unknown)}: choose among {', '.join(SIZES)}")
    return ",".join([*DEFAULT_SIZES, *(size for size in extra if size not in DEFAULT_SIZES)])


SIZE_SEED = 1
START_YEAR = 2016
# A slow build is run fewer times: runs stop once they have taken this many seconds.
BUILD_BUDGET = 20.0
SCALE_FORMATS = ("pdf", "docx", "xlsx")


def machine() -> str:
    """Cores, processor, memory and Python: what every figure of results.md depends on."""
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
    cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    return f"{cpus} CPUs ({model}), {memory / 2**20:.1f} GiB of memory, Python {platform.python_version()}"


def git_commit() -> str:
    def git(*argv: str) -> str:
        return subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    # The results file itself changes during a run: only other changes make the code differ.
    changed = git("status", "--porcelain", "--", ".", ":!bench/results.md")
    return f"{commit} + uncommitted changes" if changed else commit


def load_average() -> str:
    """Other work on the machine slows every figure down: the load says how much there was."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def replace_part(text: str, heading: str, name: str, part: str) -> str:
    """The parts of ``text`` that start with ``heading`` ("## ", "### "), with the one called
    ``name`` replaced by ``part`` (or added); SQLite first, then PostgreSQL, then the others.
    What comes before the first such heading is left out: the caller writes its own intro."""
    parts: dict[str, str] = {}
    current = None
    for line in text.splitlines(keepends=True):
        if line.startswith(heading):
            current = line[len(heading) :].strip()
            parts[current] = ""
        if current:
            parts[current] += line
    parts[name] = part
    order = sorted(parts, key=lambda key: ({"SQLite": 0, "PostgreSQL": 1}.get(key, 2), key))
    return "".join("\n" + parts[key].rstrip("\n") + "\n" for key in order)
