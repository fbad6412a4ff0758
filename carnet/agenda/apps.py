"""The team's agenda: planned street presence, actions, meetings and the weekly team meeting."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "carnet.agenda"
    verbose_name = _("Agenda de l'équipe")
