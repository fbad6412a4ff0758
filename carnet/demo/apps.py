"""The demo data set of the seed's team."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "carnet.demo"
    verbose_name = _("Démonstration")
