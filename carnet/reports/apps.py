"""The activity report: counting rules, report object and renderers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "carnet.reports"
    verbose_name = _("Bilans")
