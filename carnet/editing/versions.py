"""A record's edit version, claimed by each saved edit.

An edit form carries the version of the record it was opened at; the save claims that
version with one conditional UPDATE (``version = n`` → ``n + 1``). Another session's save
in between has already raised the number, so the claim finds no row and the stale edit is
refused instead of writing over that change.
"""

from django.db import connection, models
from django.db.models import F


class Versioned(models.Model):
    """A record edited in forms that two people may have open at once."""

    # Raised by every saved edit: a form opened before another session's change carries the
    # old number and is refused instead of overwriting it.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class EditConflict(Exception):
    """The record changed since its edit form was opened: ``current`` is the record as saved now."""

    def __init__(self, current: Versioned):
        super().__init__(f"{type(current).__name__} {current.pk} changed since version read")
        self.current = current


def claim_version(record: Versioned, *, version: int | None) -> None:
    """Claim ``version`` for the edit about to be saved to ``record``, or raise EditConflict.

    Called inside the transaction that saves the edit, after validation: of two concurrent
    saves of the same version, the database lets exactly one through (PostgreSQL re-checks
    the condition once the first commits; SQLite serialises writers), and a save that fails
    afterwards rolls the claim back with it.
    """
    if version is None:
        raise TypeError("A change of a recorded record names the version its form was opened at")
    if not connection.in_atomic_block:
        raise RuntimeError("claim_version() must run in the transaction that saves the edit")
    model = type(record)
    claimed = model._default_manager.filter(pk=record.pk, version=version).update(version=version + 1)
    if not claimed:
        raise EditConflict(model._default_manager.get(pk=record.pk))
    record.version = version + 1


def version_raised() -> dict[str, F]:
    """The ``update()`` argument that also raises the rows' version, for a change made outside
    an edit form (a merge moving records, an anonymisation): forms opened before it are then
    refused instead of writing the old values back."""
    return {"version": F("version") + 1}
