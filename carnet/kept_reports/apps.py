"""Built reports kept between requests, as long as no write has changed what they read."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KeptReportsConfig(AppConfig):
    name = "carnet.kept_reports"
    verbose_name = _("Bilans gardés")

    def ready(self) -> None:
        from .services import watch_the_records

        # After every migration: a table added since gets its trigger, and reports kept by
        # the code before are dropped (the code that built them may have changed).
        post_migrate.connect(watch_the_records, sender=self, dispatch_uid="kept-reports-watch")
