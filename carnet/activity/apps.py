"""Interventions, collective actions, street presence and partnership meetings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "carnet.activity"
    verbose_name = _("Activité")
