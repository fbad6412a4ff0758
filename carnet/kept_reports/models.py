"""What tells that the records changed, and the reports kept until they do (PostgreSQL).

Every statement that writes a table a report reads inserts a ``DataChange`` (a trigger of
the database, so that no write escapes it: services, imports, the admin, bulk and raw SQL).
The data version is ``DataVersion.base`` plus the number of changes: it moves exactly when a
write commits, as the reader's snapshot sees it, and writers never wait for one another
(each inserts its own row; no counter row is updated by them).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataChange(models.Model):
    """One statement that wrote a watched table (its transaction committed when visible)."""

    id = models.BigAutoField(primary_key=True)

    class Meta:
        verbose_name = _("écriture enregistrée")

    def __str__(self) -> str:
        return str(self.pk)


class DataVersion(models.Model):
    """The changes already counted and removed from ``DataChange`` (one row)."""

    base = models.BigIntegerField(_("écritures comptées"), default=0)

    class Meta:
        verbose_name = _("version des données")

    def __str__(self) -> str:
        return str(self.base)


class KeptReport(models.Model):
    """A built report (or its outline) as of ``version`` of the data, under a digest of what
    it was built from. Only the latest version is kept: a report of an older one is dropped
    when the next is kept, and all are dropped when a youth is erased or anonymised (a
    report names youths in its data-quality list)."""

    key = models.CharField(_("clé"), max_length=64, primary_key=True)
    version = models.BigIntegerField(_("version des données"))
    payload = models.BinaryField(_("contenu"))

    class Meta:
        verbose_name = _("bilan gardé")

    def __str__(self) -> str:
        return f"{self.key} ({self.version})"
