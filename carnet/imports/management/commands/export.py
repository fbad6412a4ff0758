"""carnet export --team EMPS -o equipe.zip   (or -o equipe.json for the JSON document)"""

from pathlib import Path

from django.core.management.base import BaseCommand

from carnet.access.console import add_acting_user_argument, console_actor, refuse_unless
from carnet.access.permissions import Capability
from carnet.imports.cli import find_team
from carnet.imports.export import export_team, export_team_json
from carnet.imports.export_scope import ExportScope


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
        # The export writes its line to the audit log, under the acting user's name.
        content = export_team_json(team=team, user=user) if as_json else export_team(team=team, user=user)
        path.write_bytes(content)
        self.stdout.write(f"Export de l'équipe {team.name} écrit dans {path} ({len(content)} octets).")
        left_out = ExportScope.of(team=team, user=user).youths_left_out
        if left_out:
            self.stdout.write(
                f"{left_out} jeune(s) de l'archive restreinte n'y figure(nt) pas, ni leurs fiches : "
                "seul·e un·e directeur·rice peut les exporter."
            )
