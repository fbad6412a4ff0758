from django.core.management.base import BaseCommand

from carnet.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Charge le jeu de démonstration : l'EMPS de Montigny-en-Gohelle et l'EMPS de Liévin, "
        "du 9 mai au 31 décembre 2023, avec un compte par rôle."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne rien charger si une organisation existe déjà.",
        )

    def handle(self, *args, **options):
        outcome = load_demo(if_empty=options["if_empty"])
        style = self.style.SUCCESS if outcome.loaded else self.style.NOTICE
        self.stdout.write(style(outcome.message))
