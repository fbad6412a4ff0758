"""The restricted archive (CNIL délibération 2022-008).

A youth not met for ``CARNET_RETENTION_ACTIVE_DAYS`` leaves the active base: a
``YouthArchive`` row says so. Only a director opens an archived file. After a
further ``CARNET_RETENTION_ARCHIVE_DAYS`` the file is anonymised: its
identifying fields are destroyed, what the reports count is kept.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class YouthArchive(models.Model):
    youth = models.OneToOneField("youths.Youth", on_delete=models.CASCADE, related_name="archive")
    last_contact = models.DateField(_("dernier contact"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archivé le"))
    anonymised_at = models.DateTimeField(_("anonymisé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("archive d'une fiche")
        verbose_name_plural = _("archives des fiches")
        ordering = ["-archived_at", "-id"]

    def __str__(self) -> str:
        return f"Archive (jeune n° {self.youth_id})"
