"""Synthetic records at any scale: ``manage.py synth --teams N --years Y --seed S``.

The demo (``loader.py``) is one real team's year, reproduced figure by figure.
This generator writes as many plausible teams and years as asked, for load
tests and benchmarks: each team covers two communes of three quartiers, and
each team-year holds about 70 youths (some followed for two to four years),
their situation histories and accompaniment paths, about five interventions per
accompanied youth, 65 collective actions, 120 presence sessions and 25
partnership meetings (``Volumes``).

Everything is drawn from ``random.Random`` seeded with the seed, the team's
number and the year, never from today's date: the same command writes the same
records (only the ``created_at`` timestamps differ), and a team's records do not
depend on how many teams are asked for.

Memory stays bounded whatever the size: records are built and written team by
team and year by year with ``bulk_create`` in batches (the many-to-many tables
too), and only the youths still followed are carried into the next year.
"""

import datetime
import functools
import random
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils.text import slugify

from carnet.access import audit
from carnet.access.models import AuditAction, Membership, Role, User
from carnet.activity.models import (
    ActionRole,
    CollectiveAction,
    Intervention,
    InterventionKind,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)
from carnet.organisations.models import (
    Commune,
    Funder,
    FunderLevel,
    Organisation,
    Partner,
    Quartier,
    Team,
)
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
from carnet.youths.models import AccompanimentPeriod, PaeiGoal, SituationChange, Youth

from . import catalogue, texts
from . import synth_catalogue as names

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
FAR_FUTURE = D(9999, 12, 31)
BATCH_SIZE = 2000


class SynthError(Exception):
    """A request the generator refuses; the message is in French, for the person who ran it."""


@dataclass(frozen=True)
class Volumes:
    """The records of one team in one year, before a ±15 % jitter."""

    youths: int = 70
    actions: int = 65
    sessions: int = 120
    meetings: int = 25

    @classmethod
    def for_youths(cls, youths: int) -> "Volumes":
        """Volumes for ``youths`` youths a year: the activity grows in proportion."""
        base = cls()
        factor = youths / base.youths
        return cls(
            youths=youths,
            actions=max(1, round(base.actions * factor)),
            sessions=max(1, round(base.sessions * factor)),
            meetings=max(1, round(base.meetings * factor)),
        )


@dataclass(frozen=True)
class SynthOutcome:
    organisation: Organisation
    teams: int
    first_year: int
    last_year: int
    rows: dict[str, int]  # model label (through tables included) -> rows written
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def summary(self) -> str:
        """What was written, in French."""

        def n(label: str) -> str:
            return _number(self.rows.get(label, 0))

        links = sum(count for label, count in self.rows.items() if label not in _MAIN_LABELS)
        years = (
            str(self.first_year)
            if self.first_year == self.last_year
            else f"{self.first_year}–{self.last_year}"
        )
        return "\n".join(
            [
                f"Organisation « {self.organisation.name} » : {n('organisations.Team')} équipes, {years}.",
                f"{n('youths.Youth')} jeunes, {n('youths.SituationChange')} changements de situation, "
                f"{n('youths.AccompanimentPeriod')} périodes d'accompagnement, "
                f"{n('youths.PaeiGoal')} objectifs de PAEI.",
                f"{n('activity.Intervention')} interventions, {n('activity.CollectiveAction')} actions "
                f"collectives, {n('activity.PresenceSession')} présences sociales, "
                f"{n('activity.PartnershipMeeting')} réunions partenariales, "
                f"{_diagnostics(self.rows.get('activity.TerritorialDiagnostic', 0))}.",
                f"{_number(links)} lignes de liaison ; {_number(self.total_rows)} lignes écrites "
                f"en {_seconds(self.seconds)}.",
            ]
        )


def _diagnostics(count: int) -> str:
    return f"{_number(count)} diagnostic{'s' if count > 1 else ''} territoria{'ux' if count > 1 else 'l'}"


_MAIN_LABELS = {
    "organisations.Team",
    "organisations.Commune",
    "organisations.Quartier",
    "organisations.Partner",
    "organisations.Funder",
    "access.User",
    "access.Membership",
    "youths.Youth",
    "youths.SituationChange",
    "youths.AccompanimentPeriod",
    "youths.PaeiGoal",
    "activity.Intervention",
    "activity.CollectiveAction",
    "activity.PresenceSession",
    "activity.PartnershipMeeting",
    "activity.TerritorialDiagnostic",
}


def synthesise(
    *,
    teams: int,
    years: int,
    seed: int,
    start_year: int = 2016,
    organisation_name: str = names.DEFAULT_ORGANISATION_NAME,
    youths_per_year: int = Volumes.youths,
    password: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> SynthOutcome:
    """Write a new organisation of ``teams`` teams with ``years`` years of records from ``start_year``.

    Each team is written in its own transaction; ``progress`` receives a line,
    in French, after each one. Accounts get ``password``, hashed once, or an
    unusable password.
    """
    if teams < 1 or years < 1 or youths_per_year < 1:
        raise SynthError("Le nombre d'équipes, d'années et de jeunes par an doit être d'au moins 1.")
    if Organisation.objects.filter(name=organisation_name).exists():
        raise SynthError(
            f"L'organisation « {organisation_name} » existe déjà : choisissez un autre nom (--organisation)."
        )
    slug = slugify(organisation_name)[:40] or "synth"
    if User.objects.filter(username__startswith=f"{slug}-").exists():
        raise SynthError(f"Des comptes « {slug}-… » existent déjà : choisissez un autre nom d'organisation.")
    began = time.monotonic()
    rows: Counter = Counter()
    writer = _Writer(rows)
    volumes = Volumes.for_youths(youths_per_year)
    last_year = start_year + years - 1
    # Like the demo, the generation is one event of the audit log, not one per record.
    with audit.changes_not_logged():
        world = _write_teams(
            name=organisation_name,
            slug=slug,
            seed=seed,
            password=password,
            teams=teams,
            start_year=start_year,
            last_year=last_year,
            volumes=volumes,
            writer=writer,
            progress=progress,
        )
    outcome = SynthOutcome(
        organisation=world.organisation,
        teams=teams,
        first_year=start_year,
        last_year=last_year,
        rows=dict(rows),
        seconds=time.monotonic() - began,
    )
    audit.record(
        action=AuditAction.CREATE,
        target=world.organisation,
        target_label=f"Données synthétiques : {organisation_name}",
        changes={"résumé": outcome.summary()},
    )
    return outcome


def _write_teams(
    *,
    name: str,
    slug: str,
    seed: int,
    password: str | None,
    teams: int,
    start_year: int,
    last_year: int,
    volumes: Volumes,
    writer: "_Writer",
    progress: Callable[[str], None] | None,
) -> "_World":
    rows = writer.rows
    with transaction.atomic():
        world = _create_organisation(name=name, slug=slug, seed=seed, password=password, writer=writer)
    for number in range(1, teams + 1):
        team_began = time.monotonic()
        before = rows.copy()
        with transaction.atomic():
            team = _create_team(world=world, number=number, start_year=start_year, writer=writer)
            carried: list[_Youth] = []
            for year in range(start_year, last_year + 1):
                rng = random.Random(f"{seed}:{number}:{year}")
                carried = _TeamYear(
                    world=world,
                    team=team,
                    year=year,
                    last_year=last_year,
                    rng=rng,
                    volumes=volumes,
                    writer=writer,
                ).write(continuing=carried)
        if progress:
            added = rows - before
            progress(
                f"[{number}/{teams}] {team.name} : {_number(added['youths.Youth'])} jeunes, "
                f"{_number(added['activity.Intervention'])} interventions, "
                f"{_number(sum(added.values()))} lignes ({_seconds(time.monotonic() - team_began)})"
            )
    return world


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f} s".replace(".", ",")


def _number(n: int) -> str:
    """12345 -> "12 345", as French writes it (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


class _Writer:
    """Writes rows with ``bulk_create`` in batches and counts them by model."""

    def __init__(self, rows: Counter) -> None:
        self.rows = rows

    def save(self, model: type[models.Model], objects: Iterable[models.Model]) -> list:
        objects = list(objects)
        if objects:
            model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
            self.rows[model._meta.label] += len(objects)
        return objects

    def link(self, relation, pairs: Iterable[tuple[int, int]]) -> None:
        """Rows of a many-to-many table, from (source pk, target pk) pairs."""
        through = relation.through
        source = relation.field.m2m_column_name()
        target = relation.field.m2m_reverse_name()
        self.save(through, (through(**{source: a, target: b}) for a, b in pairs))


# --- The calendar of any year ------------------------------------------------------------------


def _easter(year: int) -> datetime.date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return D(year, month, day + 1)


# School holidays, roughly those of zone B; enough for plausible dates.
_SCHOOL_HOLIDAYS = (((1, 1), (1, 3)), ((2, 10), (2, 25)), ((4, 12), (4, 27)), ((7, 6), (8, 31)))
_SCHOOL_HOLIDAYS += (((10, 19), (11, 3)), ((12, 21), (12, 31)))


@dataclass(frozen=True)
class _Calendar:
    year: int
    working_days: tuple[datetime.date, ...]  # Monday to Saturday, not public holidays
    school_days: frozenset[datetime.date]
    action_days_by_month: dict[int, tuple[datetime.date, ...]]  # Wednesdays, Saturdays, holidays

    @property
    def first(self) -> datetime.date:
        return D(self.year, 1, 1)

    @property
    def last(self) -> datetime.date:
        return D(self.year, 12, 31)

    def working_day(self, rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
        """A working day between ``first`` and ``last`` (inclusive), or ``first`` if there is none."""
        i = bisect_left(self.working_days, first)
        j = bisect_right(self.working_days, last)
        return self.working_days[rng.randrange(i, j)] if i < j else first


@functools.cache
def _calendar(year: int) -> _Calendar:
    easter = _easter(year)
    public = {
        D(year, m, d) for m, d in ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))
    }
    public |= {easter + datetime.timedelta(days=n) for n in (1, 39, 50)}
    holidays = {
        day for (m1, d1), (m2, d2) in _SCHOOL_HOLIDAYS for day in _days(D(year, m1, d1), D(year, m2, d2))
    }
    working = tuple(
        day for day in _days(D(year, 1, 1), D(year, 12, 31)) if day.weekday() < 6 and day not in public
    )
    school = frozenset(day for day in working if day.weekday() < 5 and day not in holidays)
    action_days = [day for day in working if day.weekday() in (2, 5) or day in holidays]
    return _Calendar(
        year=year,
        working_days=working,
        school_days=school,
        action_days_by_month={m: tuple(day for day in action_days if day.month == m) for m in range(1, 13)},
    )


def _days(first: datetime.date, last: datetime.date) -> Iterable[datetime.date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


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
                is_staff=True,
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


# --- One team's year ------------------------------------------------------------------------------

_SEXES = (("H", 58), ("F", 37.5), ("NB", 1.5), ("", 3))
_AGES = {6: 1, 7: 1, 8: 2, 9: 3, 10: 5, 11: 7, 12: 11, 13: 12, 14: 12, 15: 11, 16: 9, 17: 7, 18: 5}
_AGES |= {19: 4, 20: 3, 21: 2, 22: 2, 23: 1, 24: 1, 25: 1}
_ORIGINS = (
    ("presence-sociale", 58),
    ("tiers", 17),
    ("partenaire", 13),
    ("demarche-personnelle", 7),
    (None, 5),
)
# The highest modality a youth is planned to reach; None: met, never accompanied.
_TOPS = (("paei", 27), ("asep", 50), ("accroche", 20), (None, 3))
# Years a youth is followed, by planned modality: a PAEI often lasts beyond the year.
_STAYS = {"paei": (30, 35, 22, 13), "asep": (55, 28, 12, 5), "accroche": (85, 12, 3, 0)}
# Interventions a year for a youth at each modality all year long.
_INTERVENTION_RATES = {"paei": 16.0, "asep": 8.0, "accroche": 3.0}
_DOMAIN_WEIGHTS = {
    "comportement": 20,
    "sante": 15,
    "scolarite": 14,
    "famille": 13,
    "insertion-pro": 11,
    "loisirs": 11,
    "formation": 5,
    "mobilite": 4,
    "justice": 1.5,
    "administratif": 2,
    "aide-urgence": 0.7,
}
# Minimum age for a domain; scolarité is for youths up to 18 not in work or training.
_DOMAIN_MIN_AGE = {
    "insertion-pro": 16,
    "formation": 15,
    "mobilite": 16,
    "administratif": 16,
    "aide-urgence": 18,
    "justice": 13,
}
_DURATIONS = (90, 120, 120, 150, 180, 180, 240)  # minutes of a presence session
_MEETING_KINDS = (("rencontre-partenaire", 40), ("cahc", 15), ("cls", 10), ("pedt", 10), ("bailleur", 15))
_MEETING_PARTNERS = {"cahc": ("cahc",), "cls": ("cahc", "mda", "escapade"), "pedt": ("ville", "pre")}
_MEETING_PARTNERS |= {"bailleur": ("bailleur",)}


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


@dataclass(eq=False, slots=True)
class _Youth:
    """A youth of the team and their plan for every year they are followed."""

    commune: _Commune | None
    quartier: int | None
    sex: str
    age: int | None  # reached on 31/12 of the first year
    first_year: int
    first_contact: datetime.date
    until: datetime.date  # last day the team can meet them
    last_year: int
    origin: str | None
    periods: list[tuple[str, datetime.date, datetime.date | None]]
    situations: list[tuple[str, datetime.date]] = field(default_factory=list)
    pk: int = 0

    def age_in(self, year: int) -> int | None:
        return None if self.age is None else self.age + year - self.first_year

    def situation_on(self, day: datetime.date) -> str | None:
        current = None
        for code, since in self.situations:
            if since <= day:
                current = code
        return current

    def at_college(self, year: int) -> bool:
        age = self.age_in(year)
        return age is not None and 11 <= age <= 15


@dataclass(eq=False, slots=True)
class _Session:
    date: datetime.date
    minutes: int
    kind: str
    commune: _Commune | None
    quartier: int | None
    place: str
    educators: list[int]
    youths_met: int
    known: list[_Youth] = field(default_factory=list)


class _Pool:
    """Youths by date of first contact, to draw those already met on a day."""

    def __init__(self, youths: list[_Youth]) -> None:
        self.youths = sorted(youths, key=lambda y: y.first_contact)
        self.keys = [y.first_contact for y in self.youths]

    def draw(
        self,
        rng: random.Random,
        day: datetime.date,
        count: int,
        accept: Callable[[_Youth], bool] | None = None,
        exclude: Iterable[_Youth] = (),
    ) -> list[_Youth]:
        """Up to ``count`` different youths met on or before ``day`` and still followed then."""
        met = bisect_right(self.keys, day)
        chosen: list[_Youth] = []
        excluded = set(map(id, exclude))
        for _attempt in range(4 * count if met else 0):
            if len(chosen) == count:
                break
            youth = self.youths[rng.randrange(met)]
            if id(youth) in excluded or youth.until < day or (accept and not accept(youth)):
                continue
            excluded.add(id(youth))
            chosen.append(youth)
        return chosen


class _TeamYear:
    def __init__(
        self,
        *,
        world: _World,
        team: _Team,
        year: int,
        last_year: int,
        rng: random.Random,
        volumes: Volumes,
        writer: _Writer,
    ) -> None:
        self.world, self.team, self.year, self.last_year = world, team, year, last_year
        self.rng, self.volumes, self.writer = rng, volumes, writer
        self.calendar = _calendar(year)
        self.ref = world.ref

    def jittered(self, n: int) -> int:
        return max(1, round(n * self.rng.uniform(0.85, 1.15)))

    def write(self, *, continuing: list[_Youth]) -> list[_Youth]:
        """Write the year's records; return the youths followed into the next year."""
        sessions = self._plan_sessions(self.jittered(self.volumes.sessions))
        target = self.jittered(self.volumes.youths)
        new = self._plan_youths(max(target - len(continuing), round(0.3 * target)), sessions)
        self._save_youths(new)
        present = continuing + new
        pools = {None: _Pool(present)} | {
            c.pk: _Pool([y for y in present if y.commune is c]) for c in self.team.communes
        }
        self._name_known_youths(sessions, pools)
        self._save_sessions(sessions)
        self._save_interventions(present)
        self._save_actions(pools)
        self._save_meetings()
        return [y for y in present if y.last_year > self.year]

    # Youths ----------------------------------------------------------------------------------------

    def _commune(self) -> _Commune:
        communes = self.team.communes
        return self.rng.choices(communes, weights=[60, 40][: len(communes)])[0]

    def _quartier(self, commune: _Commune) -> tuple[int, str]:
        """A quartier of ``commune``, priority quartiers twice as likely."""
        quartiers = commune.quartiers
        pk, name, _qpv = self.rng.choices(quartiers, weights=[2 if q[2] else 1 for q in quartiers])[0]
        return pk, name

    def _plan_youths(self, count: int, sessions: list[_Session]) -> list[_Youth]:
        rng, calendar = self.rng, self.calendar
        by_commune: dict[int | None, list[_Session]] = {}
        for session in sessions:
            by_commune.setdefault(session.commune.pk if session.commune else None, []).append(session)
        youths = []
        for _ in range(count):
            commune = self._commune() if rng.random() < 0.98 else None
            quartier = self._quartier(commune)[0] if commune and rng.random() < 0.92 else None
            age = _weighted(rng, _AGES.items()) if rng.random() < 0.97 else None
            origin = _weighted(rng, _ORIGINS)
            # Youths met through présence sociale are first met, by name, during a session.
            session = None
            if origin == "presence-sociale":
                candidates = by_commune.get(commune.pk if commune else None) or sessions
                for _attempt in range(5):
                    session = rng.choice(candidates)
                    if session.kind != "college" or (age is not None and 11 <= age <= 15):
                        break
                    session = None
            first_contact = (
                session.date if session else calendar.working_day(rng, calendar.first, calendar.last)
            )
            top = _weighted(rng, _TOPS)
            periods, until, last_year = self._plan_stay(top, first_contact)
            youth = _Youth(
                commune=commune,
                quartier=quartier,
                sex=_weighted(rng, _SEXES),
                age=age,
                first_year=self.year,
                first_contact=first_contact,
                until=until,
                last_year=last_year,
                origin=origin,
                periods=periods,
            )
            youth.situations = self._plan_situations(youth)
            if session:
                session.known.append(youth)
            youths.append(youth)
        return youths

    def _plan_stay(
        self, top: str | None, first_contact: datetime.date
    ) -> tuple[list[tuple[str, datetime.date, datetime.date | None]], datetime.date, int]:
        """(periods, last day the youth is met, last year followed) of a youth met on ``first_contact``.

        A youth is followed one to four years; their accompaniment ends on the
        last day (still open when it goes beyond the generated years, or often
        in the last one).
        """
        rng = self.rng
        if top is None:
            return [], D(self.year, 12, 31), self.year
        stay = rng.choices((1, 2, 3, 4), weights=_STAYS[top])[0]
        last_year = self.year + stay - 1
        end: datetime.date | None
        if last_year > self.last_year:
            end, last_year = None, self.last_year
        else:
            if stay == 1:
                end = min(first_contact + datetime.timedelta(days=rng.randint(20, 270)), D(self.year, 12, 31))
            else:
                end = D(last_year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
            if last_year == self.last_year and rng.random() < 0.6:
                end = None  # still followed when the records stop
        return self._ladder(top, first_contact, end), end or FAR_FUTURE, last_year

    def _ladder(
        self, top: str, start: datetime.date, end: datetime.date | None
    ) -> list[tuple[str, datetime.date, datetime.date | None]]:
        """The path up the ladder, accroche then ASEP then PAEI, sometimes back down to ASEP.

        Periods follow each other without overlapping (the database refuses it)
        and the last one ends on ``end``; a short stay stops before the top.
        """
        rng = self.rng
        steps: list[tuple[str, int | None]] = []
        if top == "accroche" or rng.random() < 0.8:
            steps.append(("accroche", None if top == "accroche" else rng.randint(10, 60)))
        if top == "asep":
            steps.append(("asep", None))
        elif top == "paei":
            steps.append(("asep", rng.randint(30, 120)))
            if rng.random() < 0.3:  # the project's goals are met: back to a lighter accompaniment
                steps += [("paei", rng.randint(90, 300)), ("asep", None)]
            else:
                steps.append(("paei", None))
        periods = []
        day = start
        for code, days in steps:
            last = None if days is None else day + datetime.timedelta(days=days - 1)
            if last is None or (end is not None and last >= end):
                periods.append((code, day, end))
                break
            periods.append((code, day, last))
            day = last + ONE_DAY
        return periods

    def _plan_situations(self, youth: _Youth) -> list[tuple[str, datetime.date]]:
        """The situation when met, then a possible change each September while followed."""
        rng = self.rng
        if rng.random() < 0.06:
            return []
        age = youth.age if youth.age is not None else 15
        if age <= 13:
            weights = (95, 5, 0, 0)
        elif age <= 15:
            weights = (88, 10, 2, 0)
        elif age <= 17:
            weights = (55, 25, 17, 3)
        elif age <= 20:
            weights = (15, 40, 25, 20)
        else:
            weights = (3, 45, 20, 32)
        codes = ("scolarise", "rupture", "formation", "emploi")
        current = rng.choices(codes, weights=weights)[0]
        history = [(current, youth.first_contact - datetime.timedelta(days=rng.randint(0, 400)))]
        last_day = min(youth.until, D(youth.last_year, 12, 31))
        for year in range(youth.first_year, youth.last_year + 1):
            day = D(year, 9, rng.randint(1, 30))
            if not youth.first_contact < day <= last_day:
                continue
            following = self._next_situation(current, youth.age_in(year) or 15)
            if following != current:
                history.append((following, day))
                current = following
        return history

    def _next_situation(self, current: str, age: int) -> str:
        draw = self.rng.random()
        if current == "scolarise":
            if age >= 16:
                return "rupture" if draw < 0.2 else "formation" if draw < 0.3 else current
            return "rupture" if draw < 0.05 else current
        if current == "rupture":
            if draw < 0.25:
                return "formation"
            if age >= 18 and draw < 0.4:
                return "emploi"
            return "scolarise" if age < 16 and draw < 0.35 else current
        if current == "formation":
            return "emploi" if age >= 17 and draw < 0.25 else "rupture" if draw > 0.9 else current
        return "rupture" if draw < 0.1 else current

    def _save_youths(self, youths: list[_Youth]) -> None:
        rng, ref, year = self.rng, self.ref, self.year
        rows = []
        for number, youth in enumerate(youths, start=1):
            birth_year = None if youth.age is None else year - youth.age
            # About half the youths gave their birth date; the others only their age.
            birth_date = (
                D(birth_year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
                if birth_year and rng.random() < 0.5
                else None
            )
            first_names = {"H": catalogue.MALE_NAMES, "F": catalogue.FEMALE_NAMES}.get(
                youth.sex, catalogue.MALE_NAMES + catalogue.FEMALE_NAMES
            )
            prefix = youth.commune.prefix if youth.commune else "EQ"
            rows.append(
                Youth(
                    team_id=self.team.pk,
                    first_name=rng.choice(first_names) if rng.random() < 0.97 else "",
                    nickname=rng.choice(catalogue.NICKNAMES) if rng.random() < 0.1 else "",
                    code=f"{prefix}{year % 100:02d}-{number:04d}",
                    sex=youth.sex,
                    birth_year=birth_year,
                    birth_date=birth_date,
                    commune_id=youth.commune.pk if youth.commune else None,
                    quartier_id=youth.quartier,
                    origin_id=ref[Origin][youth.origin] if youth.origin else None,
                    first_contact_date=youth.first_contact,
                )
            )
        self.writer.save(Youth, rows)
        for youth, row in zip(youths, rows, strict=True):
            youth.pk = row.pk
        self.writer.save(
            SituationChange,
            (
                SituationChange(youth_id=y.pk, situation_id=ref[Situation][code], since=since)
                for y in youths
                for code, since in y.situations
            ),
        )
        self._save_periods(youths)

    def _save_periods(self, youths: list[_Youth]) -> None:
        rng, modalities = self.rng, self.ref[Modality]
        owners = [(y, code) for y in youths for code, _s, _e in y.periods]
        periods = self.writer.save(
            AccompanimentPeriod,
            (
                AccompanimentPeriod(youth_id=y.pk, modality_id=modalities[code], start=start, end=end)
                for y in youths
                for code, start, end in y.periods
            ),
        )
        referents, goals = [], []
        for period, (youth, code) in zip(periods, owners, strict=True):
            commune = youth.commune or self.team.communes[0]
            referents.append((period.pk, commune.referent))
            if code != "paei":
                continue
            # An individualised project is carried by two educators, with a few written goals.
            if commune.binome != commune.referent:
                referents.append((period.pk, commune.binome))
            older = (youth.age_in(period.start.year) or 15) >= 16
            choices = texts.PAEI_GOALS_OLDER if older else texts.PAEI_GOALS_YOUNGER
            last_day = period.end or D(self.last_year, 12, 31)
            for position, text in enumerate(rng.sample(choices, rng.randint(2, 3))):
                reached = period.start + datetime.timedelta(days=rng.randint(20, 200))
                goals.append(
                    PaeiGoal(
                        period_id=period.pk,
                        text=text,
                        position=position,
                        reached_on=reached if reached <= last_day and rng.random() < 0.4 else None,
                    )
                )
        self.writer.link(AccompanimentPeriod.referents, referents)
        self.writer.save(PaeiGoal, goals)

    # Interventions ---------------------------------------------------------------------------------

    def _save_interventions(self, youths: list[_Youth]) -> None:
        rng, calendar, year = self.rng, self.calendar, self.year
        planned: list[tuple[Intervention, list[str], list[int], list[int]]] = []
        for youth in youths:
            spans = [
                (code, max(start, calendar.first), min(end or calendar.last, calendar.last))
                for code, start, end in youth.periods
                if start <= calendar.last and (end is None or end >= calendar.first)
            ]
            if not spans:
                continue
            weights = [
                _INTERVENTION_RATES[code] * ((last - first).days + 1) / 365 for code, first, last in spans
            ]
            count = round(sum(weights) * rng.uniform(0.5, 1.5))
            if count == 0 and rng.random() < 0.6:
                count = 1
            commune = youth.commune or self.team.communes[0]
            age = youth.age_in(year)
            for _ in range(count):
                _code, first, last = rng.choices(spans, weights=weights)[0]
                day = calendar.working_day(rng, first, last)
                domains = self._domains(youth, age, day)
                at_college = youth.at_college(year) and youth.situation_on(day) == "scolarise"
                notes = [
                    n for n in texts.INTERVENTION_NOTES[domains[0]] if at_college or not n.collegians_only
                ]
                note = rng.choice(notes)
                educators = [commune.referent]
                if commune.binome != commune.referent and (
                    note.kind == InterventionKind.ESCORT or rng.random() < 0.25
                ):
                    educators.append(commune.binome)
                partners = [self._partner(note.partner, commune)] if note.partner else []
                intervention = Intervention(
                    team_id=self.team.pk, youth_id=youth.pk, date=day, kind=note.kind, note=note.text
                )
                planned.append((intervention, domains, educators, partners))
        planned.sort(key=lambda p: (p[0].date, p[0].youth_id))
        self.writer.save(Intervention, (p[0] for p in planned))
        domain_pks = self.ref[Domain]
        self.writer.link(
            Intervention.domains, ((i.pk, domain_pks[c]) for i, codes, _e, _p in planned for c in codes)
        )
        self.writer.link(Intervention.educators, ((i.pk, u) for i, _d, users, _p in planned for u in users))
        self.writer.link(
            Intervention.partners, ((i.pk, p) for i, _d, _e, partners in planned for p in partners)
        )

    def _domains(self, youth: _Youth, age: int | None, day: datetime.date) -> list[str]:
        """One to three different domains that fit the youth's age and situation."""
        age = 15 if age is None else age
        situation = youth.situation_on(day)
        fitting = [
            (code, weight)
            for code, weight in _DOMAIN_WEIGHTS.items()
            if age >= _DOMAIN_MIN_AGE.get(code, 0)
            and (code != "scolarite" or (age <= 18 and situation not in ("emploi", "formation")))
        ]
        chosen = []
        for _ in range(self.rng.choices((1, 2, 3), weights=(45, 38, 17))[0]):
            code = _weighted(self.rng, fitting)
            chosen.append(code)
            fitting = [pair for pair in fitting if pair[0] != code]
        return chosen

    def _partner(self, key: str, commune: _Commune) -> int:
        """The partner the demo texts call ``key``: the commune's own, or one of the organisation."""
        return commune.partners.get(key) or self.world.partners[key]

    # Collective actions ----------------------------------------------------------------------------

    def _save_actions(self, pools: dict[int | None, _Pool]) -> None:
        rng = self.rng
        planned: list[tuple[CollectiveAction, list[_Youth], list[int], list[int]]] = []
        for _ in range(self.jittered(self.volumes.actions)):
            kind = _weighted(rng, ((kind, kind.weight) for kind in _ACTION_KINDS))
            title, partner_keys, day, days = kind.draw(rng, self.calendar)
            commune = None if kind.type_code == "sejour" or rng.random() < 0.03 else self._commune()
            quartier_pk, quartier_name = None, ""
            if commune and kind.at_local:
                quartier_pk, quartier_name = commune.quartiers[0][:2]
            elif commune and (kind.on_quartier or "{quartier}" in title):
                quartier_pk, quartier_name = self._quartier(commune)
            place = commune or self.team.communes[0]
            pool = pools[commune.pk] if commune and rng.random() < 0.8 else pools[None]
            participants = pool.draw(rng, day, rng.randint(*kind.participants))
            educators = [place.referent]
            if place.binome != place.referent and (days > 1 or rng.random() < 0.5):
                educators.append(place.binome)
            action = CollectiveAction(
                team_id=self.team.pk,
                action_type_id=self.ref[ActionType][kind.type_code],
                title=title.format(quartier=quartier_name, commune=place.name)[:200],
                start_date=day,
                end_date=day + datetime.timedelta(days=days - 1),
                commune_id=commune.pk if commune else None,
                quartier_id=quartier_pk,
                role=kind.role,
                commune_event=kind.commune_event,
                after_needs_study=rng.random() < kind.after_needs_study,
                anonymous_male=rng.randint(*kind.anonymous),
                anonymous_female=rng.randint(*kind.anonymous),
                anonymous_non_binary=1 if rng.random() < 0.02 else 0,
            )
            partners = [self._partner(key, place) for key in partner_keys]
            planned.append((action, participants, partners, educators))
        planned.sort(key=lambda p: p[0].start_date)
        self.writer.save(CollectiveAction, (p[0] for p in planned))
        self.writer.link(
            CollectiveAction.participants, ((a.pk, y.pk) for a, youths, _p, _e in planned for y in youths)
        )
        self.writer.link(
            CollectiveAction.partners, ((a.pk, p) for a, _y, partners, _e in planned for p in partners)
        )
        self.writer.link(
            CollectiveAction.educators, ((a.pk, u) for a, _y, _p, users in planned for u in users)
        )

    # Presence sessions -----------------------------------------------------------------------------

    def _plan_sessions(self, count: int) -> list[_Session]:
        rng, calendar = self.rng, self.calendar
        sessions = []
        for day in sorted(rng.choice(calendar.working_days) for _ in range(count)):
            commune = self._commune() if rng.random() < 0.97 else None
            place_commune = commune or self.team.communes[0]
            draw = rng.random()
            if day in calendar.school_days and draw < 0.25:
                kind, quartier, met = "college", None, rng.randint(5, 25)
                place = f"Collège de {place_commune.name} (récréation, pause méridienne)"
            elif draw < 0.5:
                kind, met = "local", rng.randint(1, 8)
                quartier, quartier_name = place_commune.quartiers[0][:2]
                place = names.LOCAL_PLACE.format(quartier=quartier_name)
            else:
                kind, met = "rue", rng.randint(2, 15)
                quartier, quartier_name = self._quartier(place_commune)
                place = rng.choice(names.STREET_PLACES).format(quartier=quartier_name)
            educators = [place_commune.referent]
            if place_commune.binome != place_commune.referent and rng.random() < 0.4:
                educators.append(place_commune.binome)
            sessions.append(
                _Session(
                    date=day,
                    minutes=rng.choice(_DURATIONS),
                    kind=kind,
                    commune=commune,
                    quartier=quartier if commune else None,
                    place=place,
                    educators=educators,
                    youths_met=met,
                )
            )
        return sessions

    def _name_known_youths(self, sessions: list[_Session], pools: dict[int | None, _Pool]) -> None:
        """Some sessions also name youths already known, met again."""
        rng, year = self.rng, self.year
        for session in sessions:
            if rng.random() < 0.55:
                continue
            pool = pools[session.commune.pk] if session.commune else pools[None]
            accept = (lambda y: y.at_college(year)) if session.kind == "college" else None
            session.known += pool.draw(
                rng, session.date - ONE_DAY, rng.randint(1, 4), accept=accept, exclude=session.known
            )

    def _save_sessions(self, sessions: list[_Session]) -> None:
        kinds = self.ref[PresenceKind]
        rows = self.writer.save(
            PresenceSession,
            (
                PresenceSession(
                    team_id=self.team.pk,
                    date=s.date,
                    duration_minutes=s.minutes,
                    kind_id=kinds[s.kind],
                    commune_id=s.commune.pk if s.commune else None,
                    quartier_id=s.quartier,
                    place=s.place,
                    # Named youths are among those met: the count is never below them.
                    youths_met=max(s.youths_met, len(s.known)),
                )
                for s in sessions
            ),
        )
        pairs = list(zip(rows, sessions, strict=True))
        self.writer.link(PresenceSession.educators, ((r.pk, u) for r, s in pairs for u in s.educators))
        self.writer.link(PresenceSession.known_youths, ((r.pk, y.pk) for r, s in pairs for y in s.known))

    # Partnership meetings and diagnostics ----------------------------------------------------------

    def _save_meetings(self) -> None:
        rng, calendar, team = self.rng, self.calendar, self.team
        kinds = self.ref[MeetingKind]
        planned: list[tuple[PartnershipMeeting, list[int], list[int]]] = []
        every_partner = [*self.world.partners, "ville", "centre-social", "college", "mediatheque"]
        for _ in range(self.jittered(self.volumes.meetings)):
            kind = _weighted(rng, _MEETING_KINDS)
            commune = self._commune() if rng.random() < 0.85 else None
            place = commune or team.communes[0]
            keys = _MEETING_PARTNERS.get(kind) or every_partner
            partner_keys = rng.sample(keys, min(len(keys), rng.randint(1, 2)))
            partners = [self._partner(key, place) for key in partner_keys]
            subject = rng.choice(names.MEETING_SUBJECTS[kind]).format(
                partner=self._partner_name(partner_keys[0], place), quartier=self._quartier(place)[1]
            )
            day = calendar.working_day(rng, calendar.first, calendar.last)
            meeting = PartnershipMeeting(
                team_id=team.pk,
                date=day,
                kind_id=kinds[kind],
                subject=subject[:200],
                duration_minutes=texts.MEETING_MINUTES[kind] + rng.choice((-30, 0, 0, 0, 30)),
                commune_id=commune.pk if commune else None,
            )
            educators = [place.referent]
            if place.binome != place.referent and rng.random() < 0.5:
                educators.append(place.binome)
            planned.append((meeting, partners, educators))
        if rng.random() < 0.3:
            planned.append(self._diagnostic())
        planned.sort(key=lambda p: p[0].date)
        self.writer.save(PartnershipMeeting, (p[0] for p in planned))
        self.writer.link(
            PartnershipMeeting.partners, ((m.pk, p) for m, partners, _e in planned for p in partners)
        )
        self.writer.link(PartnershipMeeting.educators, ((m.pk, u) for m, _p, users in planned for u in users))

    def _diagnostic(self) -> tuple[PartnershipMeeting, list[int], list[int]]:
        """A quartier's shared diagnostic, and the meeting that presents it."""
        rng, calendar = self.rng, self.calendar
        commune = self._commune()
        quartier_pk, quartier_name = self._quartier(commune)
        day = calendar.working_day(rng, D(self.year, 9, 1), calendar.last)
        keys = rng.sample(("centre-social", "mediateur", "bailleur", "pre", "mds", "mission-locale"), 3)
        partners = [self._partner(key, commune) for key in keys]
        diagnostic = self.writer.save(
            TerritorialDiagnostic,
            [
                TerritorialDiagnostic(
                    team_id=self.team.pk,
                    quartier_id=quartier_pk,
                    date=day,
                    summary=rng.choice(names.DIAGNOSTIC_SUMMARIES),
                )
            ],
        )[0]
        self.writer.link(TerritorialDiagnostic.partners, ((diagnostic.pk, p) for p in partners))
        meeting = PartnershipMeeting(
            team_id=self.team.pk,
            date=day,
            kind_id=self.ref[MeetingKind]["diagnostic"],
            subject=f"Diagnostic territorial partagé : {quartier_name}"[:200],
            duration_minutes=texts.MEETING_MINUTES["diagnostic"],
            commune_id=commune.pk,
        )
        return (
            meeting,
            partners,
            [commune.referent, commune.binome] if commune.binome != commune.referent else [commune.referent],
        )

    def _partner_name(self, key: str, commune: _Commune) -> str:
        local = {k: n.format(commune=commune.name) for k, n, _t in names.LOCAL_PARTNERS}
        if key in local:
            return local[key]
        return next(spec.name for spec in catalogue.PARTNERS if spec.key == key)


# --- Kinds of collective action ---------------------------------------------------------------------


class _Day(NamedTuple):
    """A day of any year: an event held on the same date every year."""

    month: int
    day: int


def _catalogue_entries() -> dict[str, tuple]:
    """The demo's titles as (title, partner keys, months or a _Day, days, weight)."""

    def months_or_day(when):
        return _Day(when.month, when.day) if isinstance(when, datetime.date) else when

    return {
        "atelier": tuple((t, keys, when, 1, 1) for t, keys, when in texts.ATELIERS),
        "sortie": tuple((t, keys, when, 1, 1) for t, keys, when in texts.SORTIES),
        "sejour": tuple((t, (), _Day(m, d), days, 1) for t, (m, d), days in names.SEJOURS),
        "dsl": tuple((t, keys, when, 1, 1) for t, keys, when in texts.DSL_INITIATED),
        "event": tuple((t, keys, months_or_day(when), 1, n) for t, keys, when, n in texts.COMMUNE_EVENTS),
    }


@dataclass(frozen=True)
class _ActionKind:
    type_code: str
    titles: str  # a key of _catalogue_entries()
    weight: float
    participants: tuple[int, int]  # known youths, fewest and most
    anonymous: tuple[int, int]  # other participants of each sex
    after_needs_study: float  # probability
    role: ActionRole = ActionRole.INITIATED
    commune_event: bool = False
    at_local: bool = False
    on_quartier: bool = False

    def draw(self, rng: random.Random, calendar: _Calendar) -> tuple[str, tuple, datetime.date, int]:
        """(title, partner keys, first day, days) of one action of this kind in the calendar's year."""
        entries = _ENTRIES[self.titles]
        title, keys, when, days, _weight = rng.choices(entries, weights=[e[4] for e in entries])[0]
        if isinstance(when, _Day):
            day = D(calendar.year, when.month, when.day)
        else:
            months = when or range(1, 13)
            pool = [d for m in months for d in calendar.action_days_by_month[m]]
            day = rng.choice(pool)
        return title, keys, day, days


_ENTRIES = _catalogue_entries()
_ACTION_KINDS = (
    _ActionKind("atelier", "atelier", 30, (2, 8), (0, 3), 0.85, at_local=True),
    _ActionKind("sortie", "sortie", 28, (3, 10), (0, 2), 0.85),
    _ActionKind("sejour", "sejour", 2, (5, 10), (0, 2), 1.0),
    _ActionKind("dsl", "dsl", 10, (2, 6), (2, 12), 0.3, on_quartier=True),
    _ActionKind("dsl", "event", 28, (2, 10), (5, 30), 0.05, role=ActionRole.ASSOCIATED, commune_event=True),
    _ActionKind("dsl", "dsl", 2, (1, 4), (2, 10), 0.2, role=ActionRole.ASSOCIATED),
)
