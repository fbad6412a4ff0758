"""bin/carnet check-facts: compare the reports' derived facts with the records, name each difference."""

from django.core.management.base import BaseCommand, CommandError

from carnet.facts.queries import fact_differences

SHOWN = 50


class Command(BaseCommand):
    help = "Compare les faits dérivés des bilans avec les fiches et nomme chaque différence."

    def handle(self, *args, **options) -> None:
        differences = fact_differences()
        if not differences:
            self.stdout.write("Faits dérivés conformes aux fiches.")
            return
        for difference in differences[:SHOWN]:
            self.stdout.write(difference.describe())
        more = len(differences) - SHOWN
        if more > 0:
            self.stdout.write(f"… et {more} autre(s) différence(s).")
        raise CommandError(
            f"{len(differences)} fait(s) dérivé(s) diffèrent des fiches : "
            "lancez « bin/carnet rebuild-facts » pour les réécrire."
        )
