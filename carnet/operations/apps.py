"""Operations: backing up and restoring a whole Carnet database."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "carnet.operations"
    verbose_name = _("Exploitation")
