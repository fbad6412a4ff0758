"""What a record saved on the phone carries so that it is created once, however often it is sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OfflineEntry(models.Model):
    """A record an educator may enter without network: its author and the identifier the
    phone gave the entry (a UUID). Sending the entry again, after an answer lost in a
    stairwell, finds the record already made instead of making a second one."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisi par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    client_uuid = models.UUIDField(_("identifiant de la saisie"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True


def unique_client_uuid(name: str) -> models.UniqueConstraint:
    """The constraint each concrete model lists: one record per author and entry identifier."""
    return models.UniqueConstraint(
        fields=["created_by", "client_uuid"], condition=Q(client_uuid__isnull=False), name=name
    )
