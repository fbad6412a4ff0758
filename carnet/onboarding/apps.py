"""Setting up a new association: its structure, its referentials, and its accounts by invitation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "carnet.onboarding"
    verbose_name = _("Mise en route")
