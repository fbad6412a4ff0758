"""Writing an association's frame: organisation, teams, communes, quartiers, funders.

The organisation is always created by ``organisations.services.organisation_create``, so a
new association starts with the default referentials (editable afterwards on /referentiels/).
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from carnet.access.models import Membership, Role, User
from carnet.organisations.models import Commune, Funder, FunderLevel, Organisation, Quartier, Team
from carnet.organisations.services import organisation_create

# No network at run time and no maintained package ships the official list of communes, so a
# commune is known by its name; its INSEE code, when given, is checked for its shape only: two
# characters of département (01–19, 21–95, 2A, 2B for Corsica), three of commune; or 971–976
# and 984–989 followed by two digits for overseas.
INSEE_CODE = re.compile(r"^(?:(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}|97[1-6]\d{2}|98[4-9]\d{2})$")


def normalise_insee_code(value: str) -> str:
    """The code in its usual spelling (« 2a004 » → « 2A004 »), or a French error."""
    code = (value or "").strip().upper()
    if code and not INSEE_CODE.match(code):
        raise ValidationError(
            _(
                "« %(code)s » n'est pas un code INSEE de commune : 5 caractères, le département "
                "(01 à 95, 2A ou 2B, 971 à 976) puis le numéro de la commune, par exemple 62498."
            )
            % {"code": value},
            code="insee_code",
        )
    return code


def _clean_name(value: str) -> str:
    return " ".join((value or "").split())


@transaction.atomic
def association_create(
    *, name: str, address: str = "", dpo_contact: str = "", require_two_factor: bool = False
) -> Organisation:
    """A new organisation with its default referentials; an existing name is refused."""
    name = _clean_name(name)
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            _("L'organisation « %(name)s » existe déjà : rien n'a été créé.") % {"name": name},
            code="organisation_exists",
        )
    return organisation_create(
        name=name, address=address, dpo_contact=dpo_contact, require_two_factor=require_two_factor
    )


@transaction.atomic
def administrator_add(*, organisation: Organisation, user: User) -> Membership:
    """Make ``user`` an administrator of ``organisation`` (the installer, on the first-run page)."""
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, team=None, role=Role.ADMIN
    )
    return membership


@transaction.atomic
def team_add(
    *,
    organisation: Organisation,
    name: str,
    short_name: str = "",
    start_date: datetime.date | None = None,
) -> Team:
    name = _clean_name(name)
    if Team.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": _("L'équipe « %(name)s » existe déjà.") % {"name": name}})
    team = Team(
        organisation=organisation, name=name, short_name=_clean_name(short_name), start_date=start_date
    )
    team.full_clean()
    team.save()
    return team


@transaction.atomic
def commune_add(*, team: Team, name: str, insee_code: str = "") -> Commune:
    name = _clean_name(name)
    try:
        insee_code = normalise_insee_code(insee_code)
    except ValidationError as error:
        raise ValidationError({"insee_code": error.messages}) from error
    if Commune.objects.filter(team=team, name__iexact=name).exists():
        raise ValidationError(
            {"name": _("La commune « %(name)s » est déjà couverte par l'équipe.") % {"name": name}}
        )
    commune = Commune(team=team, name=name, insee_code=insee_code)
    commune.full_clean()
    commune.save()
    return commune


@transaction.atomic
def quartier_add(*, commune: Commune, name: str, is_qpv: bool = False) -> Quartier:
    name = _clean_name(name)
    if Quartier.objects.filter(commune=commune, name__iexact=name).exists():
        raise ValidationError(
            {
                "name": _("Le quartier « %(name)s » existe déjà à %(commune)s.")
                % {"name": name, "commune": commune}
            }
        )
    quartier = Quartier(commune=commune, name=name, is_qpv=is_qpv)
    quartier.full_clean()
    quartier.save()
    return quartier


@transaction.atomic
def funder_add(
    *, organisation: Organisation, name: str, level: str, teams: list[Team] | tuple = ()
) -> Funder:
    name = _clean_name(name)
    if Funder.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": _("Le financeur « %(name)s » existe déjà.") % {"name": name}})
    if level not in FunderLevel.values:
        raise ValidationError({"level": _("Niveau de financeur inconnu : « %(level)s ».") % {"level": level}})
    if any(team.organisation_id != organisation.pk for team in teams):
        raise ValidationError({"teams": _("Une équipe choisie n'appartient pas à l'organisation.")})
    funder = Funder(organisation=organisation, name=name, level=level)
    funder.full_clean()
    funder.save()
    funder.teams.set(teams)
    return funder
