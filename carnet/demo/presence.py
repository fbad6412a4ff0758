"""Street presence (présence sociale): sessions in the street, at the collège, at the local.

Sessions are planned before the youths exist, because most youths are first met
during one of them; they are saved once the youths met are known.
"""

import datetime
import random
from dataclasses import dataclass, field

from carnet.access.models import User
from carnet.activity.models import PresenceSession
from carnet.organisations.models import Quartier
from carnet.referentials.models import PresenceKind
from carnet.youths.models import Youth

from .schedule import is_school_day, working_days
from .structure import CommuneContext, DemoWorld
from .targets import PERIOD_END

LAST_SESSION_DAY = datetime.date(2023, 12, 22)
DURATIONS = (90, 120, 120, 150, 180, 180, 240)  # minutes; their sum is the target exactly


@dataclass(eq=False)
class PlannedSession:
    date: datetime.date
    minutes: int
    kind: str
    quartier: Quartier | None
    place: str
    educators: list[User]
    youths_met: int
    known_youths: list[Youth] = field(default_factory=list)


def plan_presence_sessions(
    *, rng: random.Random, context: CommuneContext, minutes: int
) -> list[PlannedSession]:
    """Sessions whose durations add up to exactly ``minutes``, spread over the working days."""
    durations = []
    remaining = minutes
    while remaining > 0:
        duration = min(rng.choice(DURATIONS), remaining)
        durations.append(duration)
        remaining -= duration
    days = working_days(context.start, LAST_SESSION_DAY)
    dates = sorted(rng.choice(days) for _ in durations)
    return [
        _plan_session(rng=rng, context=context, day=day, minutes=m)
        for day, m in zip(dates, durations, strict=True)
    ]


def _plan_session(
    *, rng: random.Random, context: CommuneContext, day: datetime.date, minutes: int
) -> PlannedSession:
    spec = context.spec
    draw = rng.random()
    if is_school_day(day) and draw < 0.25:
        kind, quartier, met = "college", None, rng.randint(5, 25)
        place = f"{context.partner('college').name} (récréation, pause méridienne)"
    elif draw < 0.5:
        kind, met = "local", rng.randint(1, 8)
        quartier, place = context.quartiers[spec.local[0]], spec.local[1]
    else:
        kind, met = "rue", rng.randint(2, 15)
        quartiers = list(context.quartiers.values())
        quartier = rng.choices(quartiers, weights=[2 if q.is_qpv else 1 for q in quartiers])[0]
        place = rng.choice(context.street_places(quartier))
    educators = [context.referent]
    if day >= context.binome_start and rng.random() < 0.4:
        educators.append(context.binome)
    return PlannedSession(
        date=day,
        minutes=minutes,
        kind=kind,
        quartier=quartier,
        place=place,
        educators=educators,
        youths_met=met,
    )


def in_college(age: int) -> bool:
    """Whether a youth of that age (on 31/12) can be met at the collège."""
    return 11 <= age <= 15


def name_known_youths(*, rng: random.Random, sessions: list[PlannedSession], youths: list[Youth]) -> None:
    """Some sessions also name known youths met again, among those already met before."""
    for session in sessions:
        if rng.random() < 0.5:
            continue
        already_met = [
            youth
            for youth in youths
            if youth.first_contact_date < session.date
            and youth not in session.known_youths
            and (session.kind != "college" or in_college(youth.age_on(PERIOD_END)))
        ]
        if already_met:
            session.known_youths += rng.sample(already_met, min(len(already_met), rng.randint(1, 3)))


def save_presence_sessions(
    *, world: DemoWorld, context: CommuneContext, sessions: list[PlannedSession]
) -> list[PresenceSession]:
    created = PresenceSession.objects.bulk_create(
        PresenceSession(
            team=world.team,
            date=session.date,
            duration_minutes=session.minutes,
            kind=world.ref(PresenceKind, session.kind),
            commune=context.commune,
            quartier=session.quartier,
            place=session.place,
            # Named youths are among those met: the count can never be below them.
            youths_met=max(session.youths_met, len(session.known_youths)),
        )
        for session in sessions
    )
    educators = PresenceSession.educators.through
    known = PresenceSession.known_youths.through
    educators.objects.bulk_create(
        educators(presencesession_id=row.pk, user_id=user.pk)
        for row, session in zip(created, sessions, strict=True)
        for user in session.educators
    )
    known.objects.bulk_create(
        known(presencesession_id=row.pk, youth_id=youth.pk)
        for row, session in zip(created, sessions, strict=True)
        for youth in session.known_youths
    )
    return created
