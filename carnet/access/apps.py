"""Access: users, roles and team memberships."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "carnet.access"
    verbose_name = _("Accès et rôles")

    def ready(self) -> None:
        from . import signals

        signals.connect()


class CarnetAdminConfig(admin_apps.AdminConfig):
    """The Django admin with Carnet's site: administrators only (``admin_site``)."""

    default = False  # carnet.access's own config stays AccessConfig
    default_site = "carnet.access.admin_site.CarnetAdminSite"
