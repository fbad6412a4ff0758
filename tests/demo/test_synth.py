"""The synthetic data generator: deterministic, valid for the database, and plausible in the report."""

import datetime
import itertools
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction

from carnet.access.models import AuditAction, AuditEvent
from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, PresenceSession
from carnet.demo.synth import SynthError, synthesise
from carnet.organisations.models import Organisation, Team
from carnet.referentials.models import Domain
from carnet.reports.build import build_report
from carnet.reports.rules import keys
from carnet.reports.scope import ReportScope
from carnet.youths.models import AccompanimentPeriod, SituationChange, Youth

pytestmark = pytest.mark.django_db

YOUTH_TABLES = (keys.MODALITY, keys.AGE, keys.SEX, keys.ORIGIN, keys.SITUATION)


def synth(*, teams: int = 1, years: int = 2, seed: int = 7, **options):
    return synthesise(teams=teams, years=years, seed=seed, start_year=2020, **options)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def fingerprint(team: Team) -> list:
    """The first records of a team, without database ids."""
    youths = list(
        Youth.objects.filter(team=team)
        .order_by("code")
        .values_list(
            "code",
            "first_name",
            "nickname",
            "sex",
            "birth_year",
            "birth_date",
            "commune__name",
            "quartier__name",
            "origin__code",
            "first_contact_date",
        )[:20]
    )
    periods = list(
        AccompanimentPeriod.objects.filter(youth__team=team)
        .order_by("youth__code", "start")
        .values_list("youth__code", "modality__code", "start", "end")[:30]
    )
    interventions = [
        (i.youth.code, i.date, i.kind, i.note, sorted(d.code for d in i.domains.all()))
        for i in Intervention.objects.filter(team=team)
        .select_related("youth")
        .prefetch_related("domains")
        .order_by("date", "youth__code", "note")[:30]
    ]
    actions = list(
        CollectiveAction.objects.filter(team=team)
        .order_by("start_date", "title")
        .values_list("title", "start_date", "end_date", "anonymous_male", "anonymous_female")[:20]
    )
    return [youths, periods, interventions, actions]


def yearly_reports(team: Team, years=(2020, 2021)):
    return {
        year: build_report(
            scope=ReportScope(team=team, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31))
        )
        for year in years
    }


def test_the_same_seed_gives_the_same_records():
    with transaction.atomic():
        synth()
        first_counts, first_records = row_counts(), fingerprint(Team.objects.get())
        transaction.set_rollback(True)
    assert not Organisation.objects.exists()
    synth()
    assert row_counts() == first_counts
    assert fingerprint(Team.objects.get()) == first_records


def test_another_seed_gives_other_records():
    synth(seed=1, organisation_name="Graine 1")
    synth(seed=2, organisation_name="Graine 2")
    first, second = (fingerprint(Team.objects.get(organisation__name=f"Graine {n}")) for n in (1, 2))
    assert first != second


def test_a_team_is_the_same_whatever_the_number_of_teams():
    synth(teams=1, years=1, organisation_name="Une équipe")
    synth(teams=2, years=1, organisation_name="Deux équipes")
    alone = Team.objects.get(organisation__name="Une équipe")
    first_of_two = Team.objects.filter(organisation__name="Deux équipes").order_by("pk").first()
    assert fingerprint(alone) == fingerprint(first_of_two)


def test_each_team_has_two_communes_of_three_quartiers_staff_and_default_referentials():
    outcome = synth(teams=2, years=1)
    organisation = outcome.organisation
    assert Domain.objects.filter(organisation=organisation).count() == 11
    for team in Team.objects.filter(organisation=organisation):
        communes = team.communes.all()
        assert len(communes) == 2
        assert all(commune.quartiers.count() == 3 for commune in communes)
        roles = sorted(team.memberships.values_list("role", flat=True))
        assert roles.count("team_leader") == 1
        assert 2 <= roles.count("educator") <= 3
        assert not any(m.user.has_usable_password() for m in team.memberships.select_related("user"))


def test_records_pass_every_validation_of_the_models():
    synth(years=1)
    for model in (Youth, SituationChange, AccompanimentPeriod, CollectiveAction, PartnershipMeeting):
        for record in model.objects.all():
            record.full_clean()
    for session in PresenceSession.objects.all():
        session.full_clean()
        assert session.youths_met >= session.known_youths.count()


def test_accompaniment_periods_of_a_youth_never_overlap():
    synth(years=3)
    far = datetime.date.max
    for youth in Youth.objects.prefetch_related("accompaniment_periods"):
        periods = sorted(youth.accompaniment_periods.all(), key=lambda p: p.start)
        for before, after in itertools.pairwise(periods):
            assert (before.end or far) < after.start, youth.code


def test_some_youths_are_followed_over_several_years():
    synth(years=3)
    reports = yearly_reports(Team.objects.get(), years=(2020, 2021, 2022))
    first_year = Youth.objects.filter(first_contact_date__year=2020).count()
    assert reports[2021].youths > Youth.objects.filter(first_contact_date__year=2021).count()
    assert 0 < first_year < Youth.objects.count()


def test_each_team_year_has_a_plausible_report():
    synth(teams=1, years=2)
    for year, report in yearly_reports(Team.objects.get()).items():
        assert 50 <= report.youths <= 90, year
        tables = {table.key: table for table in report.tables}
        modalities = {row.key: row.cell(keys.YOUTHS).value for row in tables[keys.MODALITY].rows}
        assert modalities[keys.NOT_RECORDED] < report.youths * 0.1
        assert modalities["asep"] > modalities["accroche"] > 0 and modalities["paei"] > 0
        interventions = Intervention.objects.filter(date__year=year).count()
        assert 2 <= interventions / report.youths_in_contact <= 8, year
        actions = tables[keys.ACTION_CATEGORIES].total.cell(keys.ACTIONS).value
        sessions = tables[keys.PRESENCE].total.cell(keys.SESSIONS).value
        meetings = tables[keys.MEETINGS].total.cell(keys.MEETING_COUNT).value
        assert 50 <= actions <= 80 and 95 <= sessions <= 145 and 18 <= meetings <= 32, year
        ages = {row.key: row.cell(keys.YOUTHS).value for row in tables[keys.AGE].rows}
        assert ages["12-15"] == max(ages.values()), year  # most youths are 12 to 15


def test_no_youth_is_counted_twice_in_a_generated_report():
    synth(teams=1, years=2)
    for year, report in yearly_reports(Team.objects.get()).items():
        for table in report.tables:
            if table.key in YOUTH_TABLES:
                rows = sum(row.cell(keys.YOUTHS).value for row in table.rows)
                assert rows == table.total.cell(keys.YOUTHS).value == report.youths, (year, table.key)


def test_an_existing_organisation_is_never_written_into():
    synth(years=1)
    before = row_counts()
    with pytest.raises(SynthError, match="existe déjà"):
        synth(years=1)
    assert row_counts() == before


def test_the_generation_is_one_event_of_the_audit_log():
    synth(years=1)
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.CREATE
    assert event.target_label.startswith("Données synthétiques")
    assert "jeunes" in event.changes["résumé"]


def test_the_command_prints_progress_and_a_summary_in_french():
    out, err = StringIO(), StringIO()
    call_command(
        "synth",
        "--teams",
        "2",
        "--years",
        "1",
        "--seed",
        "3",
        "--youths-per-year",
        "20",
        stdout=out,
        stderr=err,
    )
    assert "[1/2] EMPS" in err.getvalue() and "[2/2] EMPS" in err.getvalue()
    assert "2 équipes, 2016." in out.getvalue()
    assert "jeunes" in out.getvalue() and "lignes écrites en" in out.getvalue()
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("synth", "--teams", "1", "--years", "1", "--seed", "3", stdout=out, stderr=err)


def test_youths_per_year_scales_the_whole_activity():
    outcome = synth(years=1, youths_per_year=140)
    report = yearly_reports(Team.objects.get(organisation=outcome.organisation), years=(2020,))[2020]
    tables = {table.key: table for table in report.tables}
    assert 100 <= report.youths <= 180
    assert 100 <= tables[keys.ACTION_CATEGORIES].total.cell(keys.ACTIONS).value <= 160
