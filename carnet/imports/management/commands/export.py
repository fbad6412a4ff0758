"""carnet export --team EMPS -o equipe.zip   (or -o equipe.json for the JSON document)"""

from pathlib import Path

from django.core.management.base import BaseCommand

from carnet.access import audit
from carnet.access.console import add_acting_user_argument, console_actor, refuse_unless
from carnet.access.models import AuditAction
from carnet.access.permissions import Capability
from carnet.imports.cli import find_team
from carnet.imports.export import export_team, export_team_json


class Command(BaseCommand):
    help = (
        "Exporte tout ce que l'équipe détient : un ZIP de fichiers CSV (UTF-8, séparateur « ; »), "
        "ou un document JSON quand le fichier demandé finit par .json. Les deux se réimportent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--team", required=True, help="équipe : nom, sigle ou identifiant")
        parser.add_argument("-o", "--output", required=True, help="fichier .zip ou .json à écrire")
        add_acting_user_argument(parser)

    def handle(self, *args, acting_login=None, **options):
        with console_actor(acting_login) as user:
            self._export(user=user, **options)

    def _export(self, *, user, team, output, **options):
        team = find_team(team)
        refuse_unless(user, Capability.EXPORT_DATA, team=team, doing="d'exporter les données")
        path = Path(output)
        as_json = path.suffix.lower() == ".json"
        content = export_team_json(team=team) if as_json else export_team(team=team)
        path.write_bytes(content)
        what = "JSON" if as_json else "ZIP"
        audit.record(
            action=AuditAction.EXPORT, target=team, target_label=f"Export complet ({what}) : {team.name}"
        )
        self.stdout.write(f"Export de l'équipe {team.name} écrit dans {path} ({len(content)} octets).")
