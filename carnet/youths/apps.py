"""Youth files, situation history and accompaniment periods."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class YouthsConfig(AppConfig):
    name = "carnet.youths"
    verbose_name = _("Jeunes")

    def ready(self) -> None:
        from .search import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="carnet.youths.unaccent")
