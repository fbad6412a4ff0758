"""Youth files, situation history and accompaniment periods."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthsConfig(AppConfig):
    name = "carnet.youths"
    verbose_name = _("Jeunes")
