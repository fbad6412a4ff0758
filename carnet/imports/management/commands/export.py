"""carnet export --team EMPS -o equipe.zip"""

from pathlib import Path

from django.core.management.base import BaseCommand

from carnet.access import audit
from carnet.access.models import AuditAction
from carnet.imports.cli import find_team
from carnet.imports.export import export_team


class Command(BaseCommand):
    help = "Exporte tout ce que l'équipe détient : un ZIP de fichiers CSV (UTF-8, séparateur « ; »)."

    def add_arguments(self, parser):
        parser.add_argument("--team", required=True, help="équipe : nom, sigle ou identifiant")
        parser.add_argument("-o", "--output", required=True, help="fichier ZIP à écrire")

    def handle(self, *args, team, output, **options):
        team = find_team(team)
        content = export_team(team=team)
        path = Path(output)
        path.write_bytes(content)
        audit.record(action=AuditAction.EXPORT, target=team, target_label=f"Export complet : {team.name}")
        self.stdout.write(f"Export de l'équipe {team.name} écrit dans {path} ({len(content)} octets).")
