"""bin/carnet schedule_retention: make sure a daily retention run is queued (idempotent)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from carnet.privacy.tasks import pending, schedule_next


def next_night(now: datetime.datetime) -> datetime.datetime:
    """3 a.m. local time, tonight or tomorrow night: retention runs while nobody works."""
    local = timezone.localtime(now)
    night = local.replace(hour=3, minute=0, second=0, microsecond=0)
    return night if night > local else night + datetime.timedelta(days=1)


class Command(BaseCommand):
    help = "Met en file la tâche quotidienne des durées de conservation, si aucune n'attend déjà."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tonight",
            action="store_true",
            help="première exécution à 3 h du matin plutôt que tout de suite",
        )

    def handle(self, *args, tonight=False, **options):
        result = schedule_next(after=next_night(timezone.now()) if tonight else None)
        if result is None:
            waiting = pending()
            when = (
                "dès que possible"
                if waiting.run_after.year == 9999
                else f"après le {timezone.localtime(waiting.run_after):%d/%m/%Y %H:%M}"
            )
            self.stdout.write(f"Une exécution est déjà prévue ({when}).")
        else:
            self.stdout.write("Exécution des durées de conservation mise en file.")
