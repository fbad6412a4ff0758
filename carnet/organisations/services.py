from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from carnet.editing.versions import claim_version
from carnet.referentials.services import install_default_referentials

from .models import Commune, Funder, Organisation, Partner, Team
from .queries import partner_is_used


@transaction.atomic
def organisation_create(*, name: str, default_referentials: bool = True, **fields) -> Organisation:
    """Create an organisation ready for use: it starts with the default referentials (unless
    its own come with it, as in a whole export of another Carnet)."""
    organisation = Organisation(name=name, **fields)
    organisation.full_clean()
    organisation.save()
    if default_referentials:
        install_default_referentials(organisation=organisation)
    return organisation


# --- Partners -----------------------------------------------------------------------------
# Partners belong to the organisation, so that every team speaks of the same collège or
# Mission locale; educators and team leaders add them as they meet them.


@transaction.atomic
def partner_create(
    *,
    organisation: Organisation,
    name: str,
    partner_type: str,
    commune: Commune | None = None,
    is_active: bool = True,
) -> Partner:
    partner = Partner(organisation=organisation)
    return _partner_save(partner, name=name, partner_type=partner_type, commune=commune, is_active=is_active)


@transaction.atomic
def partner_update(*, partner: Partner, version: int, **changes) -> Partner:
    """Change a partner from a form opened at ``version`` (refused with EditConflict over a newer one)."""
    return _partner_save(partner, version=version, **changes)


def _partner_save(partner: Partner, *, version: int | None = None, **fields) -> Partner:
    for name, value in fields.items():
        setattr(partner, name, value)
    partner.name = " ".join(partner.name.split())
    errors = {}
    if partner.commune is not None and partner.commune.team.organisation_id != partner.organisation_id:
        errors["commune"] = _("Cette commune n'est couverte par aucune équipe de l'organisation.")
    namesakes = Partner.objects.filter(organisation=partner.organisation_id, name__iexact=partner.name)
    if partner.name and namesakes.exclude(pk=partner.pk).exists():
        errors["name"] = _("Un partenaire porte déjà ce nom.")
    if errors:
        raise ValidationError(errors)
    partner.full_clean()
    if partner.pk is not None:
        claim_version(partner, version=version)
    partner.save()
    return partner


@transaction.atomic
def partner_delete(*, partner: Partner) -> None:
    """Delete a partner no record names; one in use is kept, so that past reports keep their lists."""
    if partner_is_used(partner=partner):
        raise ValidationError(
            _(
                "Ce partenaire est cité dans des interventions, actions, réunions ou diagnostics : "
                "il ne peut pas être supprimé. Marquez-le plutôt comme inactif."
            ),
            code="partner_in_use",
        )
    partner.delete()


# --- Funders ------------------------------------------------------------------------------
# The organisation's funders, whose logos a report's title page shows (chosen per report).


@transaction.atomic
def funder_save(
    *,
    funder: Funder | None = None,
    organisation: Organisation,
    name: str,
    level: str,
    teams: Iterable[Team] = (),
    logo: File | None = None,
    remove_logo: bool = False,
) -> Funder:
    """Create (``funder`` None) or change a funder of ``organisation``; ``logo`` replaces the logo."""
    teams = list(teams)
    if any(team.organisation_id != organisation.pk for team in teams):
        raise ValidationError({"teams": _("Cette équipe n'appartient pas à l'organisation.")})
    funder = funder or Funder(organisation=organisation)
    funder.name, funder.level = " ".join(name.split()), level
    if remove_logo and funder.logo:
        funder.logo.delete(save=False)
    if logo is not None:
        funder.logo = logo
    funder.full_clean()
    funder.save()
    funder.teams.set(teams)
    return funder
