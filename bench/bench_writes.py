"""The cost of writes that keep the reports' derived facts (issue 18): an import of 5,000
interventions and an intervention saved through the service, with the facts refresh timed alone.

    .venv/bin/python bench/bench_writes.py            # this checkout
    .venv/bin/python bench/bench_writes.py /path/to/another/checkout   # e.g. main, for "before"

Uses a throw-away SQLite database in a temporary folder; prints one line per measure.
"""

import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROWS = 5000
DOMAINS = ("Scolarité", "Santé, Famille", "Insertion pro; Mobilité", "Loisir / Sport / Culture")


def _csv(header: str, lines) -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode("cp1252")


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    var = tempfile.mkdtemp(prefix="carnet-bench-writes-")
    os.environ["CARNET_VAR_DIR"] = var
    os.environ["DJANGO_SETTINGS_MODULE"] = "carnet.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from carnet.activity.services import intervention_create
    from carnet.imports.columns import ImportKind
    from carnet.imports.services import import_file
    from carnet.organisations.models import Commune, Organisation, Team
    from carnet.referentials.models import Domain
    from carnet.referentials.services import install_default_referentials
    from carnet.youths.models import Youth

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Banc d'essai des écritures")
    install_default_referentials(organisation=organisation)
    team = Team.objects.create(organisation=organisation, name="Équipe")
    Commune.objects.create(team=team, name="Commune 0")
    youths = _csv("N°;Prénom;Commune", (f"J{n};Jeune {n};Commune 0" for n in range(ROWS)))
    import_file(team=team, kind=ImportKind.YOUTHS, content=youths, filename="y.csv", dry_run=False)
    imports = []
    for year in (2022, 2023, 2024):
        content = _csv(
            "N° jeune;Date;Domaines;Type",
            (
                f'J{n};{1 + n % 28:02d}/{1 + n % 12:02d}/{year};"{DOMAINS[n % 4]}";Entretien'
                for n in range(ROWS)
            ),
        )
        began = time.perf_counter()
        report = import_file(
            team=team, kind=ImportKind.INTERVENTIONS, content=content, filename="i.csv", dry_run=False
        )
        imports.append(time.perf_counter() - began)
        assert report.created == ROWS, report.lines()[:3]
    domains = list(Domain.objects.filter(organisation=organisation)[:2])
    some = list(Youth.objects.filter(team=team)[:300])
    saves = []
    for i, youth in enumerate(some):
        began = time.perf_counter()
        intervention_create(youth=youth, date=datetime.date(2024, 1 + i % 12, 3), domains=domains)
        saves.append(time.perf_counter() - began)
    print(
        f"{root}: import of {ROWS:,} interventions (1st, 2nd, 3rd file): "
        + " / ".join(f"{seconds:.2f} s" for seconds in imports)
    )
    print(f"{root}: an intervention saved: median {statistics.median(saves) * 1000:.2f} ms of {len(saves)}")
    try:
        from carnet.facts.services import refresh_import_facts
        from carnet.facts.youth_facts import refresh_youth_facts
    except ImportError:  # a checkout from before the facts
        shutil.rmtree(var)
        return
    refreshes = []
    for _ in range(3):
        began = time.perf_counter()
        refresh_import_facts(team=team, records="interventions", years=[2024])
        refreshes.append(time.perf_counter() - began)
    youth_refreshes = []
    for youth in some[:100]:
        began = time.perf_counter()
        refresh_youth_facts(youth_ids=[youth.pk])
        youth_refreshes.append(time.perf_counter() - began)
    print(
        f"{root}: refresh alone, facts of the year imported: "
        f"median {statistics.median(refreshes) * 1000:.0f} ms; "
        f"facts of one youth: median {statistics.median(youth_refreshes) * 1000:.2f} ms"
    )
    shutil.rmtree(var)


if __name__ == "__main__":
    main()
