"""Home pages: what each role sees first."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "carnet.dashboard"
    verbose_name = _("Accueil")
