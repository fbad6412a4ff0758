"""Creating a record sent from the phone exactly once."""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from carnet.access.models import User

M = TypeVar("M", bound=models.Model)


def create_once(
    model: type[M], *, created_by: User | None, client_uuid: uuid.UUID | None, create: Callable[[], M]
) -> M:
    """The record ``created_by`` already sent with ``client_uuid``, else the one ``create`` makes.

    Two copies of an entry racing each other (the phone resent it while the first answer was
    on its way) meet at the unique constraint, in ``full_clean`` or in the database: the
    loser returns the winner's record.
    """
    if client_uuid is None or created_by is None:
        return create()
    if (existing := sent_record(model, created_by=created_by, client_uuid=client_uuid)) is not None:
        return existing
    try:
        with transaction.atomic():
            return create()
    except (IntegrityError, ValidationError):
        if (existing := sent_record(model, created_by=created_by, client_uuid=client_uuid)) is not None:
            return existing
        raise


def sent_record(model: type[M], *, created_by: User, client_uuid: uuid.UUID | None) -> M | None:
    """The record ``created_by`` made from the entry ``client_uuid``, if it was sent already."""
    if client_uuid is None:
        return None
    return model._default_manager.filter(created_by=created_by, client_uuid=client_uuid).first()
