"""Time the import of a 50,000-row youth file (CSV, Windows-1252, ``;``) and its re-import.

    .venv/bin/python bench/bench_import.py [--rows 50000]
    python3 scripts/with_postgres.py -- .venv/bin/python bench/bench_import.py

Uses its own SQLite database under ``bench/data/import-sqlite/`` (rebuilt each run),
never ``var/``. Prints the time and the tracemalloc peak of each step.
"""

import argparse
import os
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
    from carnet.imports.columns import ImportKind
    from carnet.imports.services import import_file
    from carnet.organisations.models import Commune, Organisation, Team
    from carnet.referentials.services import install_default_referentials
    from carnet.youths.models import Youth

    organisation, _ = Organisation.objects.get_or_create(name="Association du banc d'essai")
    install_default_referentials(organisation=organisation)
    team, _ = Team.objects.get_or_create(organisation=organisation, name="Équipe du banc d'essai")
    Youth.objects.filter(team=team).delete()
    communes = [Commune.objects.get_or_create(team=team, name=f"Commune {n}")[0].name for n in range(10)]
    lines = ["N°;Prénom;Sexe;Né(e) le;Commune;Origine;Date de première rencontre"]
    for n in range(rows):
        sex = "Fille" if n % 2 else "Garçon"
        lines.append(
            f"J{n};Jeune {n};{sex};{1 + n % 28:02d}/{1 + n % 12:02d}/{2000 + n % 15};"
            f"{communes[n % 10]};Présence sociale;{1 + n % 28:02d}/06/2023"
        )
    content = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    print(f"{rows} lignes, {len(content) / 1e6:.1f} Mo, base {django.db.connection.vendor}")
    for step, dry_run in (("essai à blanc", True), ("import", False), ("ré-import", False)):
        tracemalloc.start()
        start = time.perf_counter()
        report = import_file(
            team=team, kind=ImportKind.YOUTHS, content=content, filename="bench.csv", dry_run=dry_run
        )
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{step:>14} : {elapsed:6.1f} s, pic mémoire {peak / 1e6:6.0f} Mo — "
            f"{report.created} créées, {report.updated} mises à jour, {report.unchanged} inchangées, "
            f"{len(report.errors)} erreurs"
        )
    print(f"jeunes en base : {Youth.objects.filter(team=team).count()}")


if __name__ == "__main__":
    main()
