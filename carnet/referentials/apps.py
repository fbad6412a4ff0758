"""Editable lists: domains, modalities, origins, situations, action types..."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferentialsConfig(AppConfig):
    name = "carnet.referentials"
    verbose_name = _("Référentiels")
