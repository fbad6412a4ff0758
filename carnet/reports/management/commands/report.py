"""carnet report --team EMPS --from 2023-05-09 --to 2023-12-31 --format pdf -o bilan.pdf
carnet report --organisation "Association" --from 2016-01-01 --to 2025-12-31 -o bilan.xlsx --format xlsx
carnet report --team EMPS --commune Montigny --from 2023-05-09 --to 2023-12-31 --model anct \
    --format docx -o bilan.docx
carnet report --list-models [--organisation "Association"]"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from carnet.access.console import add_acting_user_argument, console_actor, refuse_unless
from carnet.access.permissions import Capability
from carnet.organisations.models import Commune, Organisation, Team
from carnet.reports.model_library import is_builtin, models_for
from carnet.reports.models import Audience, ReportFormat
from carnet.reports.scope import ReportScope
from carnet.reports.services import report_render


def _date(value: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CommandError(f"Date invalide : « {value} » (attendu AAAA-MM-JJ ou JJ/MM/AAAA).")


def _one(queryset, value: str, what: str, *, fields: tuple[str, ...] = ("name",)):
    lookup = Q()
    for field in fields:
        lookup |= Q(**{f"{field}__iexact": value})
    if value.isdigit():
        lookup |= Q(pk=int(value))
    found = list(queryset.filter(lookup)[:2])
    if len(found) != 1:
        choices = ", ".join(queryset.values_list("name", flat=True)[:20]) or "aucune"
        problem = "introuvable" if not found else "ambiguë"
        raise CommandError(f"{what} « {value} » {problem}. Choix possibles : {choices}.")
    return found[0]


class Command(BaseCommand):
    help = (
        "Calcule le bilan d'activité d'une équipe (ou d'une commune), ou de toutes les équipes d'une "
        "organisation, et l'écrit dans un fichier."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--list-models",
            action="store_true",
            help="liste les modèles de bilan (ceux de Carnet, et ceux "
            "de l'organisation avec --organisation ou --team)",
        )
        parser.add_argument("--model", help="modèle de bilan : identifiant (voir --list-models)")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--team", help="équipe : nom ou identifiant")
        which.add_argument("--organisation", help="organisation : nom ou identifiant (toutes ses équipes)")
        parser.add_argument("--commune", help="commune de l'équipe : nom ou identifiant (défaut : toutes)")
        parser.add_argument("--from", dest="start", type=_date, help="premier jour (2023-05-09)")
        parser.add_argument("--to", dest="end", type=_date, help="dernier jour (2023-12-31)")
        parser.add_argument("--format", choices=ReportFormat.values, default=ReportFormat.PDF)
        parser.add_argument(
            "--external", action="store_true", help="version pour les financeurs (petits effectifs masqués)"
        )
        parser.add_argument("-o", "--output", help="fichier à écrire")
        add_acting_user_argument(parser)

    def handle(self, *args, acting_login=None, **options):
        if options["list_models"]:
            self._list_models(team=options["team"], organisation=options["organisation"])
            return
        with console_actor(acting_login) as user:
            self._report(user=user, **options)

    def _report(self, *, user, team, organisation, commune, start, end, format, external, output, **options):
        if not (team or organisation):
            raise CommandError("Indiquez --team ou --organisation (ou --list-models).")
        missing = [
            name for name, value in (("--from", start), ("--to", end), ("-o", output)) if value is None
        ]
        if missing:
            raise CommandError(f"Options manquantes : {', '.join(missing)}.")
        if start > end:
            raise CommandError("La fin de la période précède son début.")
        if organisation:
            if commune:
                raise CommandError("--commune ne va qu'avec --team.")
            organisation = _one(Organisation.objects.all(), organisation, "Organisation")
            scope = ReportScope(organisation=organisation, start=start, end=end)
        else:
            team = _one(Team.objects.all(), team, "Équipe", fields=("name", "short_name"))
            commune = _one(Commune.objects.filter(team=team), commune, "Commune") if commune else None
            scope = ReportScope(team=team, commune=commune, start=start, end=end)
        refuse_unless(
            user,
            Capability.VIEW_REPORTS,
            team=scope.team,
            organisation=scope.organisation,
            doing="de produire ce bilan",
        )
        audience = Audience.EXTERNAL if external else Audience.INTERNAL
        slug = options["model"]
        if slug is not None and slug not in models_for(organisation_id=scope.organisation_id):
            known = ", ".join(models_for(organisation_id=scope.organisation_id))
            raise CommandError(f"Modèle de bilan « {slug} » introuvable. Modèles : {known}.")
        rendering = report_render(scope=scope, fmt=format, audience=audience, model_slug=slug)
        path = Path(output)
        path.write_bytes(rendering.content)
        size = f"{len(rendering.content):,}".replace(",", "\u202f")
        self.stdout.write(f"Bilan écrit dans {path} ({size} octets) : {scope.label}")

    def _list_models(self, *, team, organisation) -> None:
        owner = None
        if organisation:
            owner = _one(Organisation.objects.all(), organisation, "Organisation")
        elif team:
            owner = _one(Team.objects.all(), team, "Équipe", fields=("name", "short_name")).organisation
        models = models_for(organisation_id=owner.pk if owner else 0)
        for slug, model in models.items():
            origin = "Carnet" if is_builtin(slug) else owner.name
            self.stdout.write(f"{slug}\t{model.name} ({origin})")
            self.stdout.write("\t" + " · ".join(section.title for section in model.sections))
