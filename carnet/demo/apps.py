"""The demo data set: the seed's team and a second team of the same association."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "carnet.demo"
    verbose_name = _("Démonstration")
