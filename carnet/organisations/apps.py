"""Organisations, teams, communes, quartiers, partners and funders."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "carnet.organisations"
    verbose_name = _("Organisations et territoires")
