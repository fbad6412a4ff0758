"""Derived facts: what the reports would otherwise recount from every record (docs/performance.md)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactsConfig(AppConfig):
    name = "carnet.facts"
    verbose_name = _("Faits dérivés des bilans")
