"""The run: one organisation, then its teams year by year, each team in its own transaction."""

import random
import time
from collections import Counter
from collections.abc import Callable

from django.db import transaction
from django.utils.text import slugify

from carnet.access import audit
from carnet.access.models import AuditAction, User
from carnet.facts.services import refresh_team_facts
from carnet.organisations.models import Organisation

from .. import synth_catalogue as names
from .outcome import SynthError, SynthOutcome, Volumes, _number, _seconds
from .plan import _Youth
from .structure import _create_organisation, _create_team, _World
from .team_year import _TeamYear
from .writer import _Writer


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
            # Written in bulk, the records skip the write services: their facts are computed here.
            refresh_team_facts(team=team.pk)
        if progress:
            added = rows - before
            progress(
                f"[{number}/{teams}] {team.name} : {_number(added['youths.Youth'])} jeunes, "
                f"{_number(added['activity.Intervention'])} interventions, "
                f"{_number(sum(added.values()))} lignes ({_seconds(time.monotonic() - team_began)})"
            )
    return world
