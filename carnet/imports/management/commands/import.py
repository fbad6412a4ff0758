"""carnet import jeunes.csv --kind youths --team EMPS [--dry-run] [--mapping correspondance.json]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carnet.imports.cli import ProgressBar, find_team
from carnet.imports.mapping import ImportKind, MappingProblem, load_mapping_file
from carnet.imports.reading import UnreadableFile
from carnet.imports.services import import_file


class Command(BaseCommand):
    help = (
        "Importe un tableur (CSV ou XLSX) de jeunes, de situations ou d'interventions dans une équipe. "
        "Tout ou rien : si une ligne est refusée, rien n'est enregistré."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV ou XLSX")
        parser.add_argument("--kind", required=True, choices=[kind.value for kind in ImportKind])
        parser.add_argument("--team", required=True, help="équipe : nom, sigle ou identifiant")
        parser.add_argument("--dry-run", action="store_true", help="vérifie tout sans rien enregistrer")
        parser.add_argument("--mapping", help="fichier de correspondance JSON (colonnes et valeurs)")
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, file, kind, team, dry_run, mapping, no_progress, **options):
        team = find_team(team)
        kind = ImportKind(kind)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        columns, values = {}, {}
        try:
            if mapping:
                columns, values = load_mapping_file(kind, Path(mapping).read_text(encoding="utf-8-sig"))
            report = import_file(
                team=team,
                kind=kind,
                content=path.read_bytes(),
                filename=path.name,
                dry_run=dry_run,
                column_overrides=columns,
                value_overrides=values,
                progress=None if no_progress else ProgressBar("Lecture et import", self.stderr._out),
            )
        except (UnreadableFile, MappingProblem) as problem:
            raise CommandError(str(problem)) from problem
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(f"{report.refused_rows} ligne(s) refusée(s).", returncode=2)
