"""carnet import jeunes.csv --kind youths --team EMPS [--dry-run] [--mapping correspondance.json]
    [--accept-changes] [--decisions decisions.json] [--duplicates nouveau|ignorer]
carnet import equipe.zip --team EMPS        (a Carnet export: every kind at once)
carnet import equipe.json [--team EMPS]     (the JSON export: into its own team when --team is not given)"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from carnet.access.console import add_acting_user_argument, console_actor, refuse_unless
from carnet.access.permissions import Capability
from carnet.imports.cli import ProgressBar, find_team
from carnet.imports.columns import ImportKind
from carnet.imports.mapping import MappingProblem, load_mapping_file
from carnet.imports.package import import_package, is_package
from carnet.imports.reading import UnreadableFile
from carnet.imports.review import NEW, SKIP, Decisions, load_decisions_file
from carnet.imports.services import import_file


class Command(BaseCommand):
    help = (
        "Importe un tableur (CSV ou XLSX) de jeunes, situations, accompagnements, interventions, "
        "actions collectives, présences sociales ou réunions partenariales dans une équipe, "
        "ou un export complet de Carnet (ZIP de CSV ou document JSON). "
        "Tout ou rien : si une ligne est refusée, rien n'est enregistré."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV, XLSX, ou export complet ZIP ou JSON")
        parser.add_argument(
            "--kind",
            choices=[kind.value for kind in ImportKind],
            help="ce que contient le tableur (inutile pour un export complet ZIP ou JSON)",
        )
        parser.add_argument("--team", help="équipe : nom, sigle ou identifiant")
        parser.add_argument("--dry-run", action="store_true", help="vérifie tout sans rien enregistrer")
        parser.add_argument("--mapping", help="fichier de correspondance JSON (colonnes et valeurs)")
        parser.add_argument(
            "--accept-changes",
            action="store_true",
            help="applique les modifications de valeurs déjà enregistrées (listées par l'essai à blanc)",
        )
        parser.add_argument(
            "--decisions",
            help="fichier JSON des décisions : doublons possibles et modifications acceptées, par ligne",
        )
        parser.add_argument(
            "--duplicates",
            choices=["nouveau", "ignorer"],
            help="pour les doublons possibles sans décision : un autre jeune (nouveau), ou ligne ignorée",
        )
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")
        add_acting_user_argument(parser)

    def handle(self, *args, acting_login=None, **options):
        with console_actor(acting_login) as user:
            self._import(user=user, **options)

    def _import(self, *, user, file, kind, team, dry_run, mapping, no_progress, **options):
        decisions = Decisions()
        try:
            if options.get("decisions"):
                decisions = load_decisions_file(Path(options["decisions"]).read_text(encoding="utf-8-sig"))
        except (OSError, MappingProblem) as problem:
            raise CommandError(str(problem)) from problem
        decisions.accept_all = decisions.accept_all or bool(options.get("accept_changes"))
        if options.get("duplicates"):
            decisions.duplicates_default = {"nouveau": NEW, "ignorer": SKIP}[options["duplicates"]]
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        content = path.read_bytes()
        team = find_team(team) if team else None
        if user is not None and team is None:
            raise CommandError(
                "Avec --as, indiquez l'équipe (--team) : les droits s'appliquent équipe par équipe."
            )
        if team is not None:
            refuse_unless(user, Capability.RECORD_ACTIVITY, team=team, doing="d'importer des données")
        progress = None if no_progress else ProgressBar("Lecture et import", self.stderr._out)
        try:
            if is_package(content, path.name):
                report = import_package(
                    content=content,
                    filename=path.name,
                    team=team,
                    dry_run=dry_run,
                    decisions=decisions,
                    progress=progress,
                )
            else:
                if kind is None or team is None:
                    raise CommandError("Pour un tableur, indiquez --kind et --team.")
                kind = ImportKind(kind)
                columns, values = {}, {}
                if mapping:
                    columns, values = load_mapping_file(kind, Path(mapping).read_text(encoding="utf-8-sig"))
                report = import_file(
                    team=team,
                    kind=kind,
                    content=content,
                    filename=path.name,
                    dry_run=dry_run,
                    column_overrides=columns,
                    value_overrides=values,
                    decisions=decisions,
                    progress=progress,
                )
        except (UnreadableFile, MappingProblem) as problem:
            raise CommandError(str(problem)) from problem
        for line in report.lines():
            self.stdout.write(line)
        if not report.ok:
            unresolved = len(getattr(report, "unresolved", ()))
            problems = [f"{report.refused_rows} ligne(s) refusée(s)"] if report.refused_rows else []
            if unresolved:
                problems.append(f"{unresolved} doublon(s) possible(s) sans décision")
            raise CommandError(", ".join(problems) + ".", returncode=2)
