from django.core.management.base import BaseCommand, CommandError

from carnet.demo.synth import SynthError, Volumes, synthesise
from carnet.demo.synth_catalogue import DEFAULT_ORGANISATION_NAME


class Command(BaseCommand):
    help = (
        "Génère des données synthétiques réalistes (une organisation, ses équipes et leurs années "
        "d'activité), toujours les mêmes pour une même graine : pour les essais de charge et les mesures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--teams", type=int, required=True, help="Nombre d'équipes.")
        parser.add_argument("--years", type=int, required=True, help="Nombre d'années d'activité par équipe.")
        parser.add_argument("--seed", type=int, required=True, help="Graine du générateur aléatoire.")
        parser.add_argument(
            "--start-year", type=int, default=2016, help="Première année d'activité (par défaut 2016)."
        )
        parser.add_argument(
            "--organisation",
            default=DEFAULT_ORGANISATION_NAME,
            help=f"Nom de l'organisation à créer (par défaut « {DEFAULT_ORGANISATION_NAME} »).",
        )
        parser.add_argument(
            "--youths-per-year",
            type=int,
            default=Volumes.youths,
            help=(
                f"Jeunes rencontrés par équipe et par an (par défaut {Volumes.youths}) ; actions, "
                "présences et réunions suivent dans la même proportion."
            ),
        )
        parser.add_argument(
            "--password",
            help=(
                "Mot de passe de tous les comptes créés "
                "(par défaut : aucun, les comptes ne peuvent pas se connecter)."
            ),
        )

    def handle(self, *args, **options):
        if not 1900 <= options["start_year"] <= 2150:
            raise CommandError("L'année de début doit être comprise entre 1900 et 2150.")
        try:
            outcome = synthesise(
                teams=options["teams"],
                years=options["years"],
                seed=options["seed"],
                start_year=options["start_year"],
                organisation_name=options["organisation"],
                youths_per_year=options["youths_per_year"],
                password=options["password"],
                progress=lambda line: self.stderr.write(line, style_func=str),
            )
        except SynthError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(outcome.summary()))
