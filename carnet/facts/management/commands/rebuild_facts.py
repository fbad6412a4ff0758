"""bin/carnet rebuild-facts: write the reports' derived facts again from the records."""

from django.core.management.base import BaseCommand

from carnet.facts.services import rebuild_facts


class Command(BaseCommand):
    help = "Réécrit les faits dérivés des bilans à partir des fiches (après une restauration, par exemple)."

    def handle(self, *args, **options) -> None:
        written = rebuild_facts()
        self.stdout.write(f"Faits dérivés réécrits : {written}.")
