"""Youths of a commune, with their situation history and accompaniment periods."""

import dataclasses
import datetime
import random
from dataclasses import dataclass

from carnet.referentials.models import Modality, Origin, Situation
from carnet.youths.models import AccompanimentPeriod, PaeiGoal, SituationChange, Youth

from . import catalogue, texts
from .presence import PlannedSession, in_college
from .schedule import plus_days, random_day
from .structure import CommuneContext, DemoWorld
from .targets import PERIOD_END, SITUATION_STORIES, CommuneTargets

D = datetime.date
MODALITY_LADDER = ("paei", "asep", "accroche", None)  # from the highest

# Latest first contact that leaves room to climb the ladder up to the youth's highest modality.
LAST_FIRST_CONTACT = {"paei": D(2023, 9, 15), "asep": D(2023, 11, 10), "accroche": D(2023, 12, 15)}
# The youth with no accompaniment recorded was met late in the year, in the street.
UNACCOMPANIED_CONTACT = (D(2023, 11, 15), D(2023, 12, 20))


@dataclass(frozen=True)
class Profile:
    sex: str
    age: int
    situation_story: str | None
    origin: str
    modality: str | None = None  # highest modality reached in the period


@dataclass(eq=False)
class DemoYouth:
    """A saved youth and what the other builders need to know about them."""

    youth: Youth
    age: int
    situation_story: str | None
    modality: str | None
    periods: list[tuple[str, datetime.date, datetime.date | None]]  # (modality, start, end)


def draw_profiles(*, rng: random.Random, targets: CommuneTargets) -> list[Profile]:
    """Pair ages, situations, origins and modalities so that every count of the targets holds."""
    profiles = []
    for sex, origin_counts in targets.origins.items():
        people = [(age, g.situation_story) for g in targets.youth_groups if g.sex == sex for age in g.ages]
        origins = [code for code, count in origin_counts.items() for _ in range(count)]
        if len(origins) != len(people):
            raise ValueError(f"{targets.commune}: {len(people)} youths of sex {sex}, {len(origins)} origins")
        rng.shuffle(origins)
        profiles += [
            Profile(sex, age, story, origin) for (age, story), origin in zip(people, origins, strict=True)
        ]
    modalities = [code for code in MODALITY_LADDER for _ in range(targets.modalities.get(code, 0))]
    if len(modalities) != len(profiles):
        raise ValueError(f"{targets.commune}: {len(profiles)} youths, {len(modalities)} modalities")
    # A youth with no accompaniment yet is a teenager just met in the street.
    unaccompanied = set(
        rng.sample([i for i, p in enumerate(profiles) if 12 <= p.age <= 17], modalities.count(None))
    )
    # Older youths are more often in a PAEI; the jitter keeps it a tendency, not a rule.
    ranked = sorted(
        (i for i in range(len(profiles)) if i not in unaccompanied),
        key=lambda i: min(profiles[i].age, 18) + rng.uniform(-5, 5),
        reverse=True,
    )
    order = [*ranked, *sorted(unaccompanied)]
    result = [dataclasses.replace(profiles[i], modality=m) for i, m in zip(order, modalities, strict=True)]
    rng.shuffle(result)
    return result


def build_youths(
    *,
    rng: random.Random,
    world: DemoWorld,
    context: CommuneContext,
    targets: CommuneTargets,
    sessions: list[PlannedSession],
) -> list[DemoYouth]:
    profiles = draw_profiles(rng=rng, targets=targets)
    name_lists = {"H": catalogue.MALE_NAMES, "F": catalogue.FEMALE_NAMES}
    names = {
        sex: _names(rng, name_lists.get(sex, catalogue.MALE_NAMES + catalogue.FEMALE_NAMES), count)
        for sex in ("H", "F", "NB")
        if (count := sum(p.sex == sex for p in profiles))
    }
    quartiers = list(context.quartiers.values())
    youths, met_in = [], []
    for number, profile in enumerate(profiles, start=1):
        session = _first_session(rng=rng, context=context, profile=profile, sessions=sessions)
        met_in.append(session)
        birth_year = PERIOD_END.year - profile.age
        youth = Youth(
            team=world.team,
            first_name=names[profile.sex].pop(),
            nickname=rng.choice(catalogue.NICKNAMES) if rng.random() < 0.12 else "",
            code=f"{context.spec.code_prefix}23-{number:03d}",
            sex=profile.sex,
            birth_year=birth_year,
            # About half the youths gave their birth date; the others only their age.
            birth_date=plus_days(D(birth_year, 1, 1), rng.randrange(365)) if rng.random() < 0.55 else None,
            commune=context.commune,
            quartier=rng.choices(quartiers, weights=[2 if q.is_qpv else 1 for q in quartiers])[0],
            origin=world.ref(Origin, profile.origin),
            first_contact_date=session.date
            if session
            else random_day(rng, context.start, LAST_FIRST_CONTACT[profile.modality]),
        )
        youths.append(youth)
    Youth.objects.bulk_create(youths)
    for youth, session in zip(youths, met_in, strict=True):
        if session:
            session.known_youths.append(youth)

    _create_situations(world=world, youths=youths, profiles=profiles)
    periods = [
        _plan_periods(rng=rng, first_contact=y.first_contact_date, top=p.modality)
        for y, p in zip(youths, profiles, strict=True)
    ]
    _create_periods(rng=rng, world=world, context=context, youths=youths, profiles=profiles, periods=periods)
    return [
        DemoYouth(youth=y, age=p.age, situation_story=p.situation_story, modality=p.modality, periods=ps)
        for y, p, ps in zip(youths, profiles, periods, strict=True)
    ]


def _names(rng: random.Random, names: list[str], count: int) -> list[str]:
    return rng.sample(names, count) if count <= len(names) else rng.choices(names, k=count)


def _first_session(
    *, rng: random.Random, context: CommuneContext, profile: Profile, sessions: list[PlannedSession]
) -> PlannedSession | None:
    """The presence session where the youth was first met, for youths met through présence sociale.

    The youth with no accompaniment is always one of them: named in a session, they
    still count among the youths in contact.
    """
    if profile.modality is None:
        first, last = UNACCOMPANIED_CONTACT
    elif profile.origin == "presence-sociale":
        first, last = context.start, LAST_FIRST_CONTACT[profile.modality]
    else:
        return None
    candidates = [
        s for s in sessions if first <= s.date <= last and (s.kind != "college" or in_college(profile.age))
    ]
    return rng.choice(candidates)


def _create_situations(*, world: DemoWorld, youths: list[Youth], profiles: list[Profile]) -> None:
    SituationChange.objects.bulk_create(
        SituationChange(youth=youth, situation=world.ref(Situation, code), since=since)
        for youth, profile in zip(youths, profiles, strict=True)
        if profile.situation_story
        for code, since in SITUATION_STORIES[profile.situation_story]
    )


def _plan_periods(
    *, rng: random.Random, first_contact: datetime.date, top: str | None
) -> list[tuple[str, datetime.date, datetime.date | None]]:
    """The youth's path up the ladder: accroche, then ASEP, then PAEI, sometimes back to ASEP.

    Consecutive periods never overlap (the database refuses it); the last one is
    often still open.
    """
    if top is None:
        return []
    if top == "accroche":
        return [("accroche", first_contact, _maybe_closed(rng, first_contact, 30, 75, open_share=0.6))]
    path = []
    start = first_contact
    if top == "paei" or rng.random() < 0.8:
        end = plus_days(start, rng.randint(10, 35))
        path.append(("accroche", start, end))
        start = plus_days(end, 1)
    if top == "asep":
        return [*path, ("asep", start, _maybe_closed(rng, start, 30, 90, open_share=0.7))]
    end = plus_days(start, rng.randint(21, 60))
    path.append(("asep", start, end))
    start = plus_days(end, 1)
    if start <= D(2023, 10, 31) and rng.random() < 0.3:
        # The project's goals are met: back to a lighter accompaniment.
        end = plus_days(start, rng.randint(40, 60))
        return [*path, ("paei", start, end), ("asep", plus_days(end, 1), None)]
    return [*path, ("paei", start, _maybe_closed(rng, start, 60, 100, open_share=0.8))]


def _maybe_closed(
    rng: random.Random, start: datetime.date, shortest: int, longest: int, *, open_share: float
) -> datetime.date | None:
    if rng.random() < open_share:
        return None
    end = plus_days(start, rng.randint(shortest, longest))
    return end if end < PERIOD_END else None


def _create_periods(
    *,
    rng: random.Random,
    world: DemoWorld,
    context: CommuneContext,
    youths: list[Youth],
    profiles: list[Profile],
    periods: list[list[tuple[str, datetime.date, datetime.date | None]]],
) -> None:
    rows, owners = [], []
    for youth, profile, path in zip(youths, profiles, periods, strict=True):
        for modality, start, end in path:
            rows.append(
                AccompanimentPeriod(youth=youth, modality=world.ref(Modality, modality), start=start, end=end)
            )
            owners.append((profile, modality))
    AccompanimentPeriod.objects.bulk_create(rows)

    referents = AccompanimentPeriod.referents.through
    links, goals = [], []
    for period, (profile, modality) in zip(rows, owners, strict=True):
        links.append(referents(accompanimentperiod_id=period.pk, user_id=context.referent.pk))
        if modality != "paei":
            continue
        # An individualised project is carried by the binôme, with a few written goals.
        links.append(referents(accompanimentperiod_id=period.pk, user_id=context.binome.pk))
        choices = texts.PAEI_GOALS_OLDER if profile.age >= 16 else texts.PAEI_GOALS_YOUNGER
        last_day = min(period.end or PERIOD_END, PERIOD_END)
        for position, text in enumerate(rng.sample(choices, rng.randint(2, 3))):
            reached = plus_days(period.start, rng.randint(20, 90))
            goals.append(
                PaeiGoal(
                    period=period,
                    text=text,
                    position=position,
                    reached_on=reached if reached <= last_day and rng.random() < 0.35 else None,
                )
            )
    referents.objects.bulk_create(links)
    PaeiGoal.objects.bulk_create(goals)
