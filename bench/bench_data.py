"""The report benchmark's data sets: the demo and the ×100 synthetic team-year, loaded and counted."""

from dataclasses import dataclass

from bench_common import BIG_ORGANISATION, BIG_YOUTHS_PER_YEAR, SEED, log, timed

# --- Data ----------------------------------------------------------------------------------------------


@dataclass
class DataSet:
    name: str
    command: str
    team: object
    load_seconds: float | None  # None: reused from a previous run
    records: int = 0


def load_data_sets(database: str) -> tuple[DataSet, DataSet]:
    from django.db import connection

    from carnet.demo import catalogue
    from carnet.demo.loader import demo_is_loaded, load_demo
    from carnet.demo.synth import synthesise
    from carnet.organisations.models import Team

    demo_seconds = None
    if not demo_is_loaded():
        demo_seconds, _outcome = timed(load_demo)
        log(f"{database}: demo loaded in {demo_seconds:.1f} s")
    big_seconds = None
    if not Team.objects.filter(organisation__name=BIG_ORGANISATION).exists():
        log(f"{database}: generating the ×100 data set…")
        big_seconds, _outcome = timed(
            lambda: synthesise(
                teams=1,
                years=1,
                seed=SEED,
                start_year=2023,
                organisation_name=BIG_ORGANISATION,
                youths_per_year=BIG_YOUTHS_PER_YEAR,
                progress=log,
            )
        )
        log(f"{database}: ×100 data set generated in {big_seconds:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    demo = DataSet(
        "demo",
        "`load_demo`",
        Team.objects.get(organisation__name=catalogue.DEMO_ORGANISATION_NAME, name=catalogue.DEMO_TEAM_NAME),
        demo_seconds,
    )
    big = DataSet(
        "×100",
        f"`synth --teams 1 --years 1 --seed {SEED} --start-year 2023 "
        f"--youths-per-year {BIG_YOUTHS_PER_YEAR}`",
        Team.objects.get(organisation__name=BIG_ORGANISATION),
        big_seconds,
    )
    for data_set in (demo, big):
        data_set.records = count_records(data_set.team)
    return demo, big


def count_records(team) -> int:
    """Rows of the team's records: youths and their histories, activity, and their link tables."""
    from carnet.activity.models import (
        CollectiveAction,
        Intervention,
        PartnershipMeeting,
        PresenceSession,
        TerritorialDiagnostic,
    )
    from carnet.youths.models import AccompanimentPeriod, PaeiGoal, SituationChange, Youth

    counts = [
        Youth.objects.filter(team=team),
        SituationChange.objects.filter(youth__team=team),
        AccompanimentPeriod.objects.filter(youth__team=team),
        AccompanimentPeriod.referents.through.objects.filter(accompanimentperiod__youth__team=team),
        PaeiGoal.objects.filter(period__youth__team=team),
        TerritorialDiagnostic.objects.filter(team=team),
        TerritorialDiagnostic.partners.through.objects.filter(territorialdiagnostic__team=team),
    ]
    for model, links in (
        (Intervention, ("domains", "educators", "partners")),
        (CollectiveAction, ("participants", "partners", "educators")),
        (PresenceSession, ("educators", "known_youths")),
        (PartnershipMeeting, ("partners", "educators")),
    ):
        counts.append(model.objects.filter(team=team))
        source = model._meta.model_name
        for name in links:
            through = getattr(model, name).through
            counts.append(through.objects.filter(**{f"{source}__team": team}))
    return sum(queryset.count() for queryset in counts)
