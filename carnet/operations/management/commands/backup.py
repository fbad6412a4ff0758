import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from carnet.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Sauvegarde toute la base (toutes les tables, journal d'audit compris) et les fichiers "
        "téléversés dans un seul fichier zip, à restaurer avec « restore »."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="Le fichier à écrire (par défaut : carnet-sauvegarde-AAAA-MM-JJ-HHMMSS.zip ici).",
        )
        parser.add_argument("--database", default="default", help="L'alias de la base (default).")

    def handle(self, *args, **options):
        output = options["output"] or timezone.localtime().strftime("carnet-sauvegarde-%Y-%m-%d-%H%M%S.zip")
        progress = self._progress if options["verbosity"] >= 1 else None
        try:
            outcome = backup(Path(output), using=options["database"], progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(outcome.summary()))

    def _progress(self, message: str) -> None:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
