"""bin/carnet retention [--dry-run]: move to the archive, then anonymise, what is due."""

from django.core.management.base import BaseCommand

from carnet.access.console import as_system
from carnet.privacy.services import apply_retention, retention_plan


class Command(BaseCommand):
    help = (
        "Applique les durées de conservation : archive les fiches sans contact depuis la durée "
        "de la base active, anonymise celles archivées depuis la durée de l'archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Affiche ce qui serait fait, sans rien modifier."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        # The archive and anonymisation lines name the system account, not nobody.
        with as_system():
            plan = retention_plan() if dry_run else apply_retention()
        if dry_run:
            self.stdout.write("Simulation : rien n'est modifié.")
        for line in plan.lines():
            self.stdout.write(line)
