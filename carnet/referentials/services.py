from django.db import transaction

from carnet.organisations.models import Organisation

from . import defaults
from .models import ActionType, AgeBracket, Domain, MeetingKind, Modality, Origin, PresenceKind, Situation


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
