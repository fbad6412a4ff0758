"""Spreadsheet import and data export."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "carnet.imports"
    verbose_name = _("Imports et exports")
