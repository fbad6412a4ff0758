"""Time the import of 50,000-row files (``make bench``): youths, then interventions naming them.

    .venv/bin/python bench/bench_import.py [--rows 50000]                           # SQLite
    python3 scripts/with_postgres.py -- .venv/bin/python bench/bench_import.py      # PostgreSQL

Each file is a CSV as French offices write it (Windows-1252, ``;``, dates as
31/12/2023). For each: the dry run, the import, and the re-import of the same
file (which must create nothing), each with its time and the process's peak
resident memory after the step; the tracemalloc peak of Python objects is that of
a dry run. Uses its
own SQLite database under ``bench/data/import-sqlite/`` (rebuilt each run), never
``var/``. Writes the section "Import, <database>" of bench/results.md.
"""

import argparse
import os
import resource
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    rows = parser.parse_args().rows
    sys.path.insert(0, str(ROOT))
    data_dir = ROOT / "bench" / "data" / "import-sqlite"
    if not os.environ.get("DATABASE_URL"):
        shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["CARNET_VAR_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "carnet.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench_common import load_average
    from bench_results import machine_line, write_results

    from carnet.activity.models import Intervention
    from carnet.imports.columns import ImportKind
    from carnet.imports.services import import_file
    from carnet.organisations.models import Commune, Organisation, Team
    from carnet.referentials.services import install_default_referentials
    from carnet.youths.models import Youth

    organisation, _ = Organisation.objects.get_or_create(name="Association du banc d'essai")
    install_default_referentials(organisation=organisation)
    team, _ = Team.objects.get_or_create(organisation=organisation, name="Équipe du banc d'essai")
    Intervention.objects.filter(team=team).delete()
    Youth.objects.filter(team=team).delete()
    communes = [Commune.objects.get_or_create(team=team, name=f"Commune {n}")[0].name for n in range(10)]
    files = {
        ImportKind.YOUTHS: _csv(
            "N°;Prénom;Sexe;Né(e) le;Commune;Origine;Date de première rencontre",
            (
                f"J{n};Jeune {n};{'Fille' if n % 2 else 'Garçon'};{1 + n % 28:02d}/{1 + n % 12:02d}/"
                f"{2000 + n % 15};{communes[n % 10]};Présence sociale;{1 + n % 28:02d}/06/2023"
                for n in range(rows)
            ),
        ),
        ImportKind.INTERVENTIONS: _csv(
            "N° jeune;Date;Domaines;Type;Note",
            (
                f'J{n};{1 + n % 28:02d}/{1 + n % 12:02d}/2024;"{DOMAINS[n % len(DOMAINS)]}";'
                f"Entretien;Point n° {n}"
                for n in range(rows)
            ),
        ),
    }
    database = django.db.connection.vendor
    started_load = load_average()
    lines = []
    for kind, content in files.items():
        print(f"{kind}: {rows} lignes, {len(content) / 1e6:.1f} Mo, base {database}", flush=True)
        # tracemalloc slows Python down several times: the Python peak is measured on a
        # dry run of its own, and the steps are timed without it.
        tracemalloc.start()
        import_file(team=team, kind=kind, content=content, filename="bench.csv", dry_run=True)
        python_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        for step, dry_run in (("dry run", True), ("import", False), ("re-import", False)):
            start = time.perf_counter()
            report = import_file(team=team, kind=kind, content=content, filename="bench.csv", dry_run=dry_run)
            elapsed = time.perf_counter() - start
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            assert not report.errors, report.lines()[:5]
            peak = f"{python_peak / 2**20:.0f} MiB" if dry_run else ""
            line = (
                f"| {kind.value} | {step} | {rows:,} | {len(content) / 2**20:.1f} MiB | {elapsed:.1f} s "
                f"| {rows / elapsed:,.0f} | {peak} | {rss / 2**20:.0f} MiB "
                f"| {report.created:,} / {report.updated:,} / {report.unchanged:,} |"
            )
            print(line, flush=True)
            lines.append(line)
    label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[database]
    text = "\n".join(
        [
            f"## Import, {label}",
            "",
            machine_line(label),
            "",
            f"Load average (1, 5, 15 min): {started_load} at the start, {load_average()} at the end.",
            "",
            f"`bench/bench_import.py --rows {rows}`: a CSV file of youths, then one of interventions naming "
            "them (Windows-1252, `;`), each checked (dry run), imported, then imported again. *Python peak*: "
            "tracemalloc peak of a dry run (measured apart: tracemalloc slows Python down); *process peak*: "
            "the process's peak resident memory so far (it only grows).",
            "",
            "| file | step | rows | size | time | rows/s | Python peak | process peak "
            "| created / updated / unchanged |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
            *lines,
        ]
    )
    write_results(f"Import, {label}", text + "\n")


DOMAINS = ("Scolarité", "Santé, Famille", "Insertion pro; Mobilité", "Loisir / Sport / Culture")


def _csv(header: str, lines) -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode("cp1252")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
