import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carnet.operations.backup_checks import RestoreError
from carnet.operations.restore import restore


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par « backup » dans une base vide et migrée, en une seule "
        "transaction : en cas d'échec, la base reste telle qu'elle était."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Le fichier de sauvegarde (.zip).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Efface d'abord toute la base (flush), puis restaure : ses données actuelles sont perdues.",
        )
        parser.add_argument("--database", default="default", help="L'alias de la base (default).")

    def handle(self, *args, **options):
        progress = self._progress if options["verbosity"] >= 1 else None
        try:
            outcome = restore(
                Path(options["file"]), force=options["force"], using=options["database"], progress=progress
            )
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(outcome.summary()))

    def _progress(self, message: str) -> None:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
