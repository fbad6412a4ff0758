"""The demo's organisation, team, places, staff and partners."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from carnet.access.models import Membership, User
from carnet.organisations.models import Commune, Funder, Organisation, Partner, Quartier, Team
from carnet.organisations.services import organisation_create

from . import catalogue
from .targets import PERIOD_START


@dataclass
class CommuneContext:
    """A commune of the demo team, with what its records need at hand."""

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
    organisation: Organisation
    team: Team
    communes: dict[str, CommuneContext]
    users: dict[str, User]
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


def build_structure() -> DemoWorld:
    organisation = organisation_create(name=catalogue.DEMO_ORGANISATION_NAME)
    team = Team.objects.create(
        organisation=organisation,
        name=catalogue.DEMO_TEAM_NAME,
        short_name=catalogue.DEMO_TEAM_SHORT_NAME,
        start_date=catalogue.DEMO_TEAM_START,
    )
    users, reused = _create_users(organisation=organisation, team=team)
    communes = {spec.name: _create_commune(spec=spec, team=team, users=users) for spec in catalogue.COMMUNES}
    partners = _create_partners(organisation=organisation, communes=communes)
    for context in communes.values():
        context.partners_by_key = partners
    for name, level in catalogue.FUNDERS:
        funder = Funder.objects.create(organisation=organisation, name=name, level=level)
        funder.teams.add(team)
    return DemoWorld(
        organisation=organisation,
        team=team,
        communes=communes,
        users=users,
        partners=partners,
        reused_usernames=reused,
    )


def _create_users(*, organisation: Organisation, team: Team) -> tuple[dict[str, User], list[str]]:
    # Every account shares one password: hashing it once keeps loading fast.
    password_hash = make_password(catalogue.DEMO_PASSWORD)
    users, reused = {}, []
    for spec in catalogue.DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user:
            reused.append(spec.username)
        else:
            user = User.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                password=password_hash,
                is_staff=spec.is_staff,
                is_superuser=spec.is_superuser,
            )
        Membership.objects.create(
            user=user,
            organisation=organisation,
            team=team if spec.in_team else None,
            role=spec.role,
            start_date=spec.start_date,
        )
        users[spec.username] = user
    return users, reused


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
