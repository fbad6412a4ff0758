from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from carnet.organisations.models import Organisation

from . import defaults
from .models import (
    ActionType,
    AgeBracket,
    Domain,
    MeetingKind,
    Modality,
    Origin,
    PresenceKind,
    Referential,
    Situation,
)


@transaction.atomic
def install_default_referentials(*, organisation: Organisation) -> None:
    """Give ``organisation`` the seed's referentials; values it already has are kept as they are."""

    def ensure(model, code: str, position: int, **fields) -> None:
        model.objects.get_or_create(
            organisation=organisation, code=code, defaults={"position": position, **fields}
        )

    for position, (code, label) in enumerate(defaults.DOMAINS):
        ensure(Domain, code, position, label=label)
    for position, (code, label, rank) in enumerate(defaults.MODALITIES):
        ensure(Modality, code, position, label=label, rank=rank)
    for position, (code, label) in enumerate(defaults.ORIGINS):
        ensure(Origin, code, position, label=label)
    for position, (code, label) in enumerate(defaults.SITUATIONS):
        ensure(Situation, code, position, label=label)
    for position, (code, label, category) in enumerate(defaults.ACTION_TYPES):
        ensure(ActionType, code, position, label=label, category=category)
    for position, (code, label) in enumerate(defaults.PRESENCE_KINDS):
        ensure(PresenceKind, code, position, label=label)
    for position, (code, label) in enumerate(defaults.MEETING_KINDS):
        ensure(MeetingKind, code, position, label=label)
    for position, (code, label, min_age, max_age) in enumerate(defaults.AGE_BRACKETS):
        ensure(AgeBracket, code, position, label=label, min_age=min_age, max_age=max_age)


def referential_save(*, value: Referential) -> Referential:
    """Create or rename a value; its code is set once, from its first label, and never changes,
    so records, imports and issued reports keep pointing at the same value."""
    if not value.code:
        base = slugify(value.label)[:40] or "valeur"
        siblings = type(value).objects.filter(organisation=value.organisation_id)
        code, suffix = base, 2
        while siblings.filter(code=code).exists():
            code, suffix = f"{base}-{suffix}", suffix + 1
        value.code = code
    value.full_clean()
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError as error:
        raise ValidationError(_("Une valeur porte déjà ce libellé ou ce niveau.")) from error
    return value


def referential_set_active(*, value: Referential, active: bool) -> Referential:
    """Retire a value (hidden from new entries, kept on past records and reports) or restore it."""
    value.is_active = active
    value.save(update_fields=["is_active"])
    return value
