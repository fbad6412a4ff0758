"""Privacy by design: retention (archive, anonymisation), youths' rights, the register and the DPIA."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "carnet.privacy"
    verbose_name = _("Vie privée")
