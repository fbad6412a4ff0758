"""The organisation and its teams: communes, quartiers, partners, funders and staff."""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils.text import slugify

from carnet.access.models import Membership, Role, User
from carnet.organisations.models import Commune, Funder, FunderLevel, Organisation, Partner, Quartier, Team
from carnet.organisations.services import organisation_create
from carnet.referentials.models import (
    ActionType,
    Domain,
    MeetingKind,
    Modality,
    Origin,
    PresenceKind,
    Situation,
)

from .. import catalogue
from .. import synth_catalogue as names
from .dates import D
from .writer import _Writer

# --- The organisation and its teams --------------------------------------------------------------


# Partners of the demo catalogue that belong to one of its communes; the synthetic
# communes get their own (synth_catalogue.LOCAL_PARTNERS).
_DEMO_LOCAL_PARTNERS = ("ville-", "centre-social-", "college-", "mediatheque-")


@dataclass
class _World:
    organisation: Organisation
    slug: str
    seed: int
    password: str
    ref: dict[type[models.Model], dict[str, int]]  # referential model -> code -> pk
    partners: dict[str, int]  # organisation-wide partners: key of the demo texts -> pk
    funders: list[int]  # funders of every team
    place_names: list[str]  # commune names, drawn once, so that they differ across teams


@dataclass
class _Commune:
    pk: int
    name: str
    prefix: str  # youths' codes start with it
    quartiers: list[tuple[int, str, bool]]  # (pk, name, is QPV); the team's local is in the first
    referent: int  # user pks
    binome: int
    partners: dict[str, int]  # "ville", "centre-social", "college", "mediatheque" -> pk


@dataclass
class _Team:
    pk: int
    name: str
    communes: list[_Commune]
    educators: list[int]


def _create_organisation(*, name: str, slug: str, seed: int, password: str | None, writer: _Writer) -> _World:
    organisation = organisation_create(name=name)
    writer.rows["organisations.Organisation"] += 1
    ref = {
        model: dict(model.objects.filter(organisation=organisation).values_list("code", "pk"))
        for model in (Domain, Modality, Origin, Situation, ActionType, PresenceKind, MeetingKind)
    }
    partners = writer.save(
        Partner,
        (
            Partner(organisation=organisation, name=spec.name, partner_type=spec.partner_type)
            for spec in catalogue.PARTNERS
            if not spec.key.startswith(_DEMO_LOCAL_PARTNERS)
        ),
    )
    keys = [spec.key for spec in catalogue.PARTNERS if not spec.key.startswith(_DEMO_LOCAL_PARTNERS)]
    funders = writer.save(
        Funder,
        [
            Funder(
                organisation=organisation,
                name="Département (données synthétiques)",
                level=FunderLevel.DEPARTEMENT,
            ),
            Funder(organisation=organisation, name=catalogue.FUNDERS[0][0], level=catalogue.FUNDERS[0][1]),
        ],
    )
    password_hash = make_password(password)  # hashed once for every account; None: unusable
    director = writer.save(
        User,
        [
            User(
                username=f"{slug}-direction",
                first_name="Direction",
                last_name=name[:150],
                password=password_hash,
            )
        ],
    )[0]
    writer.save(Membership, [Membership(user=director, organisation=organisation, role=Role.DIRECTOR)])
    place_rng = random.Random(f"{seed}:places")
    place_names = [stem + suffix for suffix in names.COMMUNE_SUFFIXES for stem in names.COMMUNE_STEMS]
    place_rng.shuffle(place_names)
    return _World(
        organisation=organisation,
        slug=slug,
        seed=seed,
        password=password_hash,
        ref=ref,
        partners={key: partner.pk for key, partner in zip(keys, partners, strict=True)},
        funders=[funder.pk for funder in funders],
        place_names=place_names,
    )


def _place_name(world: _World, index: int) -> str:
    """The ``index``-th commune name of the organisation; names repeat with a number when exhausted."""
    cycle, position = divmod(index, len(world.place_names))
    name = world.place_names[position]
    return name if cycle == 0 else f"{name} {cycle + 1}"


def _create_team(*, world: _World, number: int, start_year: int, writer: _Writer) -> _Team:
    rng = random.Random(f"{world.seed}:{number}:team")
    organisation = world.organisation
    place_names = [_place_name(world, 2 * (number - 1)), _place_name(world, 2 * (number - 1) + 1)]
    team = writer.save(
        Team,
        [
            Team(
                organisation=organisation,
                name=f"EMPS {place_names[0]}",
                short_name="EMPS",
                start_date=D(start_year - rng.randint(0, 15), rng.randint(1, 12), 1),
            )
        ],
    )[0]
    educators = _create_staff(
        rng=rng, world=world, team=team, number=number, start_year=start_year, writer=writer
    )
    communes = []
    for index, place in enumerate(place_names):
        commune = writer.save(
            Commune,
            [
                Commune(
                    team=team,
                    name=place,
                    insee_code=rng.choice(names.INSEE_DEPARTEMENTS) + f"{rng.randint(1, 899):03d}",
                    referent_id=educators[index % len(educators)],
                )
            ],
        )[0]
        others = rng.sample(names.QUARTIERS, 2)
        quartiers = writer.save(
            Quartier,
            [Quartier(commune=commune, name=q_name, is_qpv=qpv) for q_name, qpv in [*others, names.CENTRE]],
        )
        partners = writer.save(
            Partner,
            [
                Partner(
                    organisation=organisation,
                    name=p_name.format(commune=place),
                    partner_type=kind,
                    commune=commune,
                )
                for _key, p_name, kind in names.LOCAL_PARTNERS
            ],
        )
        communes.append(
            _Commune(
                pk=commune.pk,
                name=place,
                prefix=slugify(place).replace("-", "")[:2].upper() or "XX",
                quartiers=[(q.pk, q.name, q.is_qpv) for q in quartiers],
                referent=educators[index % len(educators)],
                binome=educators[(index + 1) % len(educators)],
                partners={key: p.pk for (key, _n, _k), p in zip(names.LOCAL_PARTNERS, partners, strict=True)},
            )
        )
    town_funder = writer.save(
        Funder,
        [Funder(organisation=organisation, name=f"Ville de {place_names[0]}", level=FunderLevel.COMMUNE)],
    )[0]
    writer.link(Funder.teams, ((pk, team.pk) for pk in [*world.funders, town_funder.pk]))
    return _Team(pk=team.pk, name=team.name, communes=communes, educators=educators)


def _create_staff(
    *, rng: random.Random, world: _World, team: Team, number: int, start_year: int, writer: _Writer
) -> list[int]:
    """Two or three educators and a team leader; returns the educators' pks."""
    educator_count = rng.choice((2, 2, 3))
    specs = [(f"educ{i}", Role.EDUCATOR) for i in range(1, educator_count + 1)] + [("chef", Role.TEAM_LEADER)]
    users = writer.save(
        User,
        [
            User(
                username=f"{world.slug}-{number:03d}-{suffix}",
                first_name=rng.choice(names.STAFF_FIRST_NAMES),
                last_name=rng.choice(names.STAFF_LAST_NAMES),
                password=world.password,
            )
            for suffix, _role in specs
        ],
    )
    writer.save(
        Membership,
        [
            Membership(
                user=user,
                organisation=world.organisation,
                team=team,
                role=role,
                start_date=D(start_year, 1, 1) - datetime.timedelta(days=rng.randint(0, 3000)),
            )
            for user, (_suffix, role) in zip(users, specs, strict=True)
        ],
    )
    return [user.pk for user in users[:educator_count]]
