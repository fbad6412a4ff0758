"""The demo's organisation, teams, places, staff and partners."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from carnet.access.models import Membership, User
from carnet.organisations.models import Commune, Funder, Organisation, Partner, Quartier, Team
from carnet.organisations.services import organisation_create

from . import catalogue
from .targets import PERIOD_START


@dataclass
class CommuneContext:
    """A commune of a demo team, with what its records need at hand."""

    spec: catalogue.CommuneSpec
    commune: Commune
    quartiers: dict[str, Quartier]
    referent: User
    binome: User
    start: datetime.date  # first day its référent worked
    binome_start: datetime.date
    partners_by_key: dict[str, Partner] = field(default_factory=dict)

    def partner(self, key: str) -> Partner:
        """The partner a text names; "ville", "college"... are the commune's own."""
        return self.partners_by_key[self.spec.local_partners.get(key, key)]

    def partners(self, keys) -> list[Partner]:
        return [self.partner(key) for key in keys]

    def street_places(self, quartier: Quartier) -> tuple[str, ...]:
        return next(places for name, _, places in self.spec.quartiers if name == quartier.name)


@dataclass
class DemoWorld:
    """One team of the demo, with what its records need at hand."""

    organisation: Organisation
    team: Team
    communes: dict[str, CommuneContext]  # the team's own
    users: dict[str, User]  # every demo account
    partners: dict[str, Partner]
    # Usernames that existed before the demo was loaded: kept, password unchanged.
    reused_usernames: list[str] = field(default_factory=list)
    _referentials: dict = field(default_factory=dict, init=False, repr=False)

    def ref(self, model, code: str):
        """The organisation's referential value ``code`` of ``model`` (Domain, Modality...)."""
        key = (model, code)
        if key not in self._referentials:
            self._referentials[key] = model.objects.get(organisation=self.organisation, code=code)
        return self._referentials[key]


def build_structure() -> list[DemoWorld]:
    """The organisation and its teams, one world per team, in the catalogue's order."""
    organisation = organisation_create(name=catalogue.DEMO_ORGANISATION_NAME)
    teams = {
        spec.name: Team.objects.create(
            organisation=organisation, name=spec.name, short_name=spec.short_name, start_date=spec.start_date
        )
        for spec in catalogue.TEAMS
    }
    users, reused = _create_users(organisation=organisation, teams=teams)
    communes = {
        commune.name: _create_commune(spec=commune, team=teams[team.name], users=users)
        for team in catalogue.TEAMS
        for commune in team.communes
    }
    partners = _create_partners(organisation=organisation, communes=communes)
    for context in communes.values():
        context.partners_by_key = partners
    for name, level in catalogue.FUNDERS:
        funder = Funder.objects.create(organisation=organisation, name=name, level=level)
        funder.teams.add(*teams.values())
    return [
        DemoWorld(
            organisation=organisation,
            team=teams[team.name],
            communes={commune.name: communes[commune.name] for commune in team.communes},
            users=users,
            partners=partners,
            reused_usernames=reused,
        )
        for team in catalogue.TEAMS
    ]


def _create_users(*, organisation: Organisation, teams: dict[str, Team]) -> tuple[dict[str, User], list[str]]:
    # Every account shares one password: hashing it once keeps loading fast.
    password_hash = make_password(catalogue.DEMO_PASSWORD)
    groups = _create_groups()
    users, reused = {}, []
    for spec in catalogue.DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user:
            # An account of that name is kept (password and flags untouched); it gets the role and group.
            reused.append(spec.username)
        else:
            user = User.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                password=password_hash,
                is_staff=spec.is_staff,
            )
        user.groups.add(*(groups[name] for name in spec.groups))
        Membership.objects.create(
            user=user,
            organisation=organisation,
            team=teams[spec.team] if spec.team else None,
            role=spec.role,
            start_date=spec.start_date,
        )
        users[spec.username] = user
    return users, reused


def _create_groups() -> dict[str, Group]:
    """The admin group, with Django's model permissions to manage accounts and their roles."""
    # Django creates model permissions after `migrate`; this creates any that are missing.
    create_permissions(apps.get_app_config("access"), verbosity=0)
    codenames = [name.split(".")[1] for name in catalogue.ADMIN_GROUP_PERMISSIONS]
    permissions = list(Permission.objects.filter(content_type__app_label="access", codename__in=codenames))
    if missing := set(codenames) - {permission.codename for permission in permissions}:
        raise RuntimeError(f"Permissions introuvables : {', '.join(sorted(missing))}")
    group, _created = Group.objects.get_or_create(name=catalogue.ADMIN_GROUP_NAME)
    group.permissions.add(*permissions)
    return {catalogue.ADMIN_GROUP_NAME: group}


def _create_partners(
    *, organisation: Organisation, communes: dict[str, CommuneContext]
) -> dict[str, Partner]:
    return {
        spec.key: Partner.objects.create(
            organisation=organisation,
            name=spec.name,
            partner_type=spec.partner_type,
            commune=communes[spec.commune].commune if spec.commune else None,
        )
        for spec in catalogue.PARTNERS
    }


def _create_commune(*, spec: catalogue.CommuneSpec, team: Team, users: dict[str, User]) -> CommuneContext:
    referent = users[spec.referent]
    commune = Commune.objects.create(team=team, name=spec.name, insee_code=spec.insee_code, referent=referent)
    quartiers = {
        name: Quartier.objects.create(commune=commune, name=name, is_qpv=is_qpv)
        for name, is_qpv, _ in spec.quartiers
    }
    return CommuneContext(
        spec=spec,
        commune=commune,
        quartiers=quartiers,
        referent=referent,
        binome=users[spec.binome],
        start=_first_working_day(spec.referent),
        binome_start=_first_working_day(spec.binome),
    )


def _first_working_day(username: str) -> datetime.date:
    start = next(user.start_date for user in catalogue.DEMO_USERS if user.username == username)
    return max(start or PERIOD_START, PERIOD_START)
