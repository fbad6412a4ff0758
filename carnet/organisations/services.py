from django.db import transaction

from carnet.referentials.services import install_default_referentials

from .models import Organisation


@transaction.atomic
def organisation_create(*, name: str, **fields) -> Organisation:
    """Create an organisation ready for use: it starts with the default referentials."""
    organisation = Organisation(name=name, **fields)
    organisation.full_clean()
    organisation.save()
    install_default_referentials(organisation=organisation)
    return organisation
