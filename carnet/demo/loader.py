"""Load the demo data set: the seed's team, a second team of the same association, and
their records of 9 May to 31 December 2023."""

import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum

from carnet.access import audit
from carnet.access.models import AuditAction, Membership
from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, PresenceSession
from carnet.facts.services import refresh_team_facts
from carnet.organisations.models import Organisation

from . import catalogue
from .actions import build_collective_actions
from .interventions import build_interventions
from .partnership import build_partnership_meetings, build_territorial_diagnostics
from .presence import name_known_youths, plan_presence_sessions, save_presence_sessions
from .structure import DemoWorld, build_structure
from .targets import COMMUNE_TARGETS, RANDOM_SEEDS, CommuneTargets
from .youths import build_youths


@dataclass(frozen=True)
class LoadOutcome:
    loaded: bool
    message: str  # in French, for the person who ran the command


def demo_is_loaded() -> bool:
    return Organisation.objects.filter(name=catalogue.DEMO_ORGANISATION_NAME).exists()


@transaction.atomic
def load_demo(*, if_empty: bool = False) -> LoadOutcome:
    """Build the demo organisation, its teams and their records, unless it is already there.

    With ``if_empty``, nothing is loaded into a database that already holds an
    organisation: the demo never mixes with real data.
    """
    if demo_is_loaded():
        return LoadOutcome(
            False,
            f"Le jeu de démonstration est déjà chargé (« {catalogue.DEMO_ORGANISATION_NAME} ») : "
            "rien n'a été ajouté.",
        )
    if if_empty and Organisation.objects.exists():
        return LoadOutcome(
            False, "La base contient déjà des organisations : le jeu de démonstration n'est pas chargé."
        )
    # The demo is one deliberate act: one line in the audit log, not one per record.
    with audit.changes_not_logged():
        worlds = _build()
    summary = _summary(worlds)
    audit.record(action=AuditAction.CREATE, target_label="Jeu de démonstration", changes={"résumé": summary})
    return LoadOutcome(True, summary)


def _build() -> list[DemoWorld]:
    worlds = build_structure()
    # Team by team, in the catalogue's order: the seed's team is built exactly as when it was alone.
    for world in worlds:
        for targets in COMMUNE_TARGETS:
            if targets.commune in world.communes:
                _build_commune(world=world, targets=targets)
        build_partnership_meetings(world=world)
        build_territorial_diagnostics(world=world)
        # Written in bulk, the records skip the write services: their facts are computed here.
        refresh_team_facts(team=world.team)
    return worlds


def _build_commune(*, world: DemoWorld, targets: CommuneTargets) -> None:
    # One generator per commune: each commune's records stay the same if another's change.
    rng = random.Random(RANDOM_SEEDS[targets.commune])
    context = world.communes[targets.commune]
    sessions = plan_presence_sessions(rng=rng, context=context, minutes=targets.presence_minutes)
    youths = build_youths(rng=rng, world=world, context=context, targets=targets, sessions=sessions)
    name_known_youths(rng=rng, sessions=sessions, youths=[y.youth for y in youths])
    save_presence_sessions(world=world, context=context, sessions=sessions)
    build_interventions(rng=rng, world=world, context=context, targets=targets, youths=youths)
    build_collective_actions(rng=rng, world=world, context=context, targets=targets, youths=youths)


def _summary(worlds: list[DemoWorld]) -> str:
    lines = [
        f"Jeu de démonstration chargé : « {catalogue.DEMO_ORGANISATION_NAME} », {len(worlds)} équipes "
        "(du 9 mai au 31 décembre 2023)."
    ]
    lines += [f"- {_team_summary(world)}" for world in worlds]
    lines.append("Identifiants : python manage.py demo_logins")
    reused = worlds[0].reused_usernames  # the same accounts for every team
    if reused:
        lines.append(
            "Comptes déjà présents, gardés tels quels (mot de passe inchangé) : " + ", ".join(reused)
        )
    return "\n".join(lines)


def _team_summary(world: DemoWorld) -> str:
    team = world.team
    youths = ", ".join(
        f"{context.commune.youths.count()} jeunes à {name}" for name, context in world.communes.items()
    )
    minutes = PresenceSession.objects.filter(team=team).aggregate(total=Sum("duration_minutes"))["total"]
    return (
        f"{team.name} : {youths} ; "
        f"{Intervention.objects.filter(team=team).count()} interventions, "
        f"{CollectiveAction.objects.filter(team=team).count()} actions collectives, "
        f"{minutes // 60} h de présence sociale, "
        f"{PartnershipMeeting.objects.filter(team=team).count()} réunions partenariales."
    )


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    scope: str  # the team, or the whole organisation
    description: str


def list_demo_logins() -> list[DemoLogin]:
    """The demo accounts, in the catalogue's order; empty if the demo is not loaded."""
    memberships = {
        m.user.username: m
        for m in Membership.objects.filter(
            organisation__name=catalogue.DEMO_ORGANISATION_NAME
        ).select_related("user", "team", "organisation")
    }
    return [
        DemoLogin(
            username=spec.username,
            role=str(membership.get_role_display()),
            scope=membership.team.name
            if membership.team
            else f"{membership.organisation.name} (toutes équipes)",
            description=spec.description,
        )
        for spec in catalogue.DEMO_USERS
        if (membership := memberships.get(spec.username))
    ]
