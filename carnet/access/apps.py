"""Access: users, roles and team memberships."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "carnet.access"
    verbose_name = _("Accès et rôles")

    def ready(self) -> None:
        from . import signals

        signals.connect()
