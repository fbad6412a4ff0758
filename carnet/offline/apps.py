"""Carnet in the street without signal: the installable web app, entries kept on the phone and
sent later without loss, and the minimum personal data the phone holds for them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "carnet.offline"
    verbose_name = _("Saisie hors connexion")
