"""Collective actions of a commune: ateliers, sorties, séjours and DSL actions."""

import dataclasses
import datetime
import random
from dataclasses import dataclass

from carnet.access.models import User
from carnet.activity.models import ActionRole, CollectiveAction
from carnet.organisations.models import Partner, Quartier
from carnet.referentials.models import ActionType
from carnet.youths.models import Youth

from . import texts
from .schedule import days_between, is_action_day
from .structure import CommuneContext, DemoWorld
from .targets import CommuneTargets
from .youths import DemoYouth

LAST_ACTION_DAY = datetime.date(2023, 12, 22)


@dataclass(frozen=True)
class ActionKind:
    """How one kind of action of the targets is recorded."""

    type_code: str
    role: ActionRole = ActionRole.INITIATED
    commune_event: bool = False
    participants: tuple[int, int] = (2, 6)  # known youths, fewest and most
    anonymous: tuple[int, int] = (0, 3)  # other participants of each sex


ATELIER = ActionKind("atelier")
SORTIE = ActionKind("sortie", participants=(3, 7))
SEJOUR = ActionKind("sejour", participants=(7, 7), anonymous=(1, 1))
DSL_INITIATED = ActionKind("dsl", participants=(2, 5), anonymous=(2, 10))
COMMUNE_EVENT = ActionKind(
    "dsl", role=ActionRole.ASSOCIATED, commune_event=True, participants=(2, 8), anonymous=(5, 25)
)


@dataclass(frozen=True)
class ActionSlot:
    """An action to record: what, when, and whether it followed a needs study."""

    kind: ActionKind
    title: str
    partner_keys: tuple[str, ...]
    start: datetime.date
    end: datetime.date
    after_needs_study: bool


@dataclass
class PlannedAction:
    action: CollectiveAction
    participants: list[Youth]
    partners: list[Partner]
    educators: list[User]


def build_collective_actions(
    *,
    rng: random.Random,
    world: DemoWorld,
    context: CommuneContext,
    targets: CommuneTargets,
    youths: list[DemoYouth],
) -> list[CollectiveAction]:
    slots = plan_action_slots(rng=rng, context=context, counts=targets.actions)
    planned = [
        _plan_action(rng=rng, world=world, context=context, youths=youths, slot=slot) for slot in slots
    ]
    planned.sort(key=lambda p: p.action.start_date)
    created = CollectiveAction.objects.bulk_create(p.action for p in planned)
    _link(CollectiveAction.participants.through, "youth_id", planned, lambda p: p.participants)
    _link(CollectiveAction.partners.through, "partner_id", planned, lambda p: p.partners)
    _link(CollectiveAction.educators.through, "user_id", planned, lambda p: p.educators)
    return created


def plan_action_slots(
    *, rng: random.Random, context: CommuneContext, counts: dict[str, int]
) -> list[ActionSlot]:
    """Ateliers, sorties and séjours always follow a needs study; DSL actions only sometimes."""
    slots = [
        *_series(rng, context, ATELIER, texts.ATELIERS, counts["atelier"], after_needs_study=True),
        *_series(rng, context, SORTIE, texts.SORTIES, counts["sortie"], after_needs_study=True),
        *(
            ActionSlot(SEJOUR, title, (), start, end, after_needs_study=True)
            for title, start, end in texts.SEJOURS[: counts["sejour"]]
        ),
    ]
    initiated = _series(rng, context, DSL_INITIATED, texts.DSL_INITIATED, counts["dsl_initiated"])
    for index, slot in enumerate(initiated):
        if index < counts["dsl_after_needs_study"]:
            slot = dataclasses.replace(slot, after_needs_study=True)
        slots.append(slot)
    events = [
        (title, keys, months) for title, keys, months, times in texts.COMMUNE_EVENTS for _ in range(times)
    ]
    if counts["dsl_associated"] < len(events):
        events = [events[i] for i in sorted(rng.sample(range(len(events)), counts["dsl_associated"]))]
    slots += _series(rng, context, COMMUNE_EVENT, tuple(events), counts["dsl_associated"])
    return slots


def _series(
    rng: random.Random,
    context: CommuneContext,
    kind: ActionKind,
    catalogue: tuple,
    count: int,
    *,
    after_needs_study: bool = False,
) -> list[ActionSlot]:
    """``count`` actions taken in turn from ``catalogue``, each on its date or an action day of its months."""
    slots = []
    for index in range(count):
        title, partner_keys, when = catalogue[index % len(catalogue)]
        if isinstance(when, datetime.date):
            day = when
        else:
            day = rng.choice(
                [
                    day
                    for day in days_between(context.start, LAST_ACTION_DAY)
                    if is_action_day(day) and (when is None or day.month in when)
                ]
            )
        slots.append(ActionSlot(kind, title, partner_keys, day, day, after_needs_study))
    return slots


def _plan_action(
    *,
    rng: random.Random,
    world: DemoWorld,
    context: CommuneContext,
    youths: list[DemoYouth],
    slot: ActionSlot,
) -> PlannedAction:
    kind = slot.kind
    quartier = _quartier(rng=rng, context=context, slot=slot)
    already_met = [y.youth for y in youths if y.youth.first_contact_date <= slot.start]
    participants = rng.sample(already_met, min(len(already_met), rng.randint(*kind.participants)))
    educators = [context.referent]
    if slot.start >= context.binome_start and (kind is SEJOUR or rng.random() < 0.5):
        educators.append(context.binome)
    action = CollectiveAction(
        team=world.team,
        action_type=world.ref(ActionType, kind.type_code),
        title=slot.title.format(quartier=quartier.name if quartier else "", commune=context.commune.name),
        start_date=slot.start,
        end_date=slot.end,
        commune=context.commune,
        quartier=quartier,
        role=kind.role,
        commune_event=kind.commune_event,
        after_needs_study=slot.after_needs_study,
        anonymous_male=rng.randint(*kind.anonymous),
        anonymous_female=rng.randint(*kind.anonymous),
    )
    return PlannedAction(
        action=action,
        participants=participants,
        partners=context.partners(slot.partner_keys),
        educators=educators,
    )


def _quartier(*, rng: random.Random, context: CommuneContext, slot: ActionSlot) -> Quartier | None:
    """Ateliers happen at the local, the team's own DSL actions on a quartier, and commune
    events on the quartier their title names; sorties, séjours and town-wide events nowhere."""
    if slot.kind is ATELIER:
        return context.quartiers[context.spec.local[0]]
    if slot.kind is DSL_INITIATED or "{quartier}" in slot.title:
        quartiers = list(context.quartiers.values())
        return rng.choices(quartiers, weights=[2 if q.is_qpv else 1 for q in quartiers])[0]
    return None


def _link(through, column: str, planned: list[PlannedAction], related) -> None:
    through.objects.bulk_create(
        through(collectiveaction_id=p.action.pk, **{column: obj.pk}) for p in planned for obj in related(p)
    )
