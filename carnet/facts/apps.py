"""Derived facts: what the reports would otherwise recount from every record (docs/performance.md)."""

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _


class FactsConfig(AppConfig):
    name = "carnet.facts"
    verbose_name = _("Faits dérivés des bilans")

    def ready(self) -> None:
        from .receivers import PARTICIPANTS, participants_changed

        post_migrate.connect(_fill_missing_facts, sender=self)
        m2m_changed.connect(participants_changed, sender=PARTICIPANTS, dispatch_uid="facts-participants")


def _fill_missing_facts(*, using: str = "default", **kwargs) -> None:
    from .services import fill_missing_facts

    if using == "default":
        fill_missing_facts()
