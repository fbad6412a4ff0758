"""Retention: the active base keeps a youth two years after the last contact, then the
restricted archive, then anonymisation (CNIL délibération 2022-008)."""

import dataclasses
import datetime
import io

import pytest
from django.core.management import call_command

from carnet.access.console import SYSTEM_USERNAME
from carnet.access.models import AuditAction, AuditEvent
from carnet.privacy.models import YouthArchive
from carnet.privacy.services import anonymise_youth, apply_retention, retention_plan
from carnet.reports.build import build_report
from carnet.reports.scope import ReportScope
from carnet.youths.models import AccompanimentPeriod, Youth
from carnet.youths.queries import youth_list
from tests import factories
from tests.reports.activity import record_activity

from .conftest import TODAY, days_ago, moment

pytestmark = pytest.mark.django_db

ACTIVE = 730
ARCHIVE = 1095


def listed(team) -> list[int]:
    return list(youth_list(youths=Youth.objects.filter(team=team), today=TODAY).values_list("pk", flat=True))


def test_a_youth_two_years_and_one_day_after_the_last_contact_is_archived_and_leaves_the_list(commune):
    youth = factories.YouthFactory(commune=commune, first_contact_date=days_ago(ACTIVE + 1))
    apply_retention(now=moment(TODAY))
    assert YouthArchive.objects.get(youth=youth).last_contact == days_ago(ACTIVE + 1)
    assert youth.pk not in listed(commune.team)
    assert not Youth.objects.in_active_base().filter(pk=youth.pk).exists()
    assert Youth.objects.active().filter(pk=youth.pk).exists(), "reports still count the youth"
    event = AuditEvent.objects.get(action=AuditAction.ARCHIVE)
    assert (
        event.target_id == str(youth.pk) and youth.first_name not in str(event.changes) + event.target_label
    )


def test_a_youth_contacted_two_years_less_one_day_ago_stays_in_the_active_base(commune):
    youth = factories.YouthFactory(commune=commune, first_contact_date=days_ago(ACTIVE + 400))
    factories.InterventionFactory(youth=youth, date=days_ago(ACTIVE - 1), domains=["famille"])
    apply_retention(now=moment(TODAY))
    assert not YouthArchive.objects.exists()
    assert youth.pk in listed(commune.team)


@pytest.mark.parametrize(
    "contact",
    ["period_start", "open_period", "action", "session"],
)
def test_every_kind_of_contact_keeps_the_youth_in_the_active_base(commune, contact):
    youth = factories.YouthFactory(commune=commune, first_contact_date=days_ago(ACTIVE + 400))
    recent = days_ago(ACTIVE - 1)
    if contact == "period_start":
        factories.AccompanimentPeriodFactory(youth=youth, start=recent, end=recent)
    elif contact == "open_period":
        factories.AccompanimentPeriodFactory(youth=youth, start=days_ago(ACTIVE + 300), end=None)
    elif contact == "action":
        factories.CollectiveActionFactory(team=commune.team, start_date=recent).participants.add(youth)
    else:
        factories.PresenceSessionFactory(team=commune.team, date=recent).known_youths.add(youth)
    assert retention_plan(today=TODAY).to_archive == []


def test_dry_run_lists_in_french_without_changing_anything(commune):
    old = factories.YouthFactory(commune=commune, first_name="Inès", first_contact_date=days_ago(ACTIVE + 1))
    out = io.StringIO()
    call_command("retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Simulation" in text and "à archiver : 1" in text and f"jeunes n° {old.pk}" in text
    assert "Inès" not in text
    assert not YouthArchive.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.ARCHIVE).exists()


def test_a_youth_is_archived_then_anonymised_after_the_archive_period(commune):
    youth = factories.YouthFactory(
        commune=commune,
        first_name="Inès",
        nickname="Nini",
        code="IN01",
        last_name="Durand",
        external_id="X-1",
        birth_date=datetime.date(2008, 4, 3),
        birth_year=2008,
        first_contact_date=days_ago(ACTIVE + 1),
    )
    intervention = factories.InterventionFactory(youth=youth, date=days_ago(ACTIVE + 1), domains=["famille"])
    intervention.note = "Rendez-vous à la mission locale"
    intervention.save()
    period = factories.AccompanimentPeriodFactory(
        youth=youth, start=days_ago(ACTIVE + 10), end=days_ago(ACTIVE + 5)
    )
    factories.PaeiGoalFactory(period=period, text="Passer le code")

    apply_retention(now=moment(TODAY))
    apply_retention(now=moment(TODAY + datetime.timedelta(days=ARCHIVE)))
    youth.refresh_from_db()
    assert youth.first_name == "Inès", "not anonymised before the end of the archive period"

    later = TODAY + datetime.timedelta(days=ARCHIVE + 1)
    plan = apply_retention(now=moment(later))
    assert plan.to_anonymise == [youth.pk]
    youth.refresh_from_db()
    assert (youth.first_name, youth.nickname, youth.code, youth.last_name, youth.external_id) == (
        "Anonyme",
        "",
        "",
        "",
        "",
    )
    assert youth.birth_date is None and youth.birth_year == 2008
    assert youth.sex == "H" and youth.commune == commune
    assert list(youth.interventions.values_list("note", flat=True)) == [""]
    assert list(youth.interventions.get().domains.values_list("code", flat=True)) == ["famille"]
    assert list(period.goals.values_list("text", flat=True)) == ["—"]
    assert YouthArchive.objects.get(youth=youth).anonymised_at is not None
    event = AuditEvent.objects.get(action=AuditAction.ANONYMISE)
    logged = str(event.changes) + event.target_label
    assert "Inès" not in logged and "Durand" not in logged
    assert not AuditEvent.objects.filter(
        action=AuditAction.UPDATE, target_type="youths.youth", target_id=str(youth.pk)
    ).exists()


def test_a_past_report_is_identical_before_and_after_archiving_and_anonymising(team, commune):
    start, end = datetime.date(2023, 5, 9), datetime.date(2023, 12, 31)
    record_activity(team=team, commune=commune, youths=14, start=start)
    # Accompaniments that ended: an open one is a contact today, which keeps the youth active.
    for period in AccompanimentPeriod.objects.filter(end__isnull=True):
        period.end = max(period.start, datetime.date(2024, 1, 31))
        period.save()
    scope = ReportScope(team=team, start=start, end=end)
    before = build_report(scope=scope)

    apply_retention(now=moment(TODAY))
    assert YouthArchive.objects.count() == Youth.objects.count()
    after_archive = build_report(scope=scope)
    apply_retention(now=moment(TODAY + datetime.timedelta(days=ARCHIVE + 1)))
    assert YouthArchive.objects.filter(anonymised_at__isnull=False).count() == Youth.objects.count()
    after_anonymisation = build_report(scope=scope)

    for report in (after_archive, after_anonymisation):
        assert report.youths == before.youths and report.youths_in_contact == before.youths_in_contact
        assert [dataclasses.asdict(t) for t in report.tables] == [
            dataclasses.asdict(t) for t in before.tables
        ]
        assert report.actions == before.actions and report.partners == before.partners


def test_the_command_without_dry_run_archives_what_is_due(commune):
    youth = factories.YouthFactory(commune=commune, first_contact_date=datetime.date(2000, 1, 1))
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert "Fiches archivées : 1" in out.getvalue()
    assert YouthArchive.objects.filter(youth=youth).exists()


def test_archiving_by_the_command_is_no_longer_logged_as_anonymous(commune):
    youth = factories.YouthFactory(commune=commune, first_contact_date=datetime.date(2000, 1, 1))

    call_command("retention", stdout=io.StringIO())

    event = AuditEvent.objects.get(action=AuditAction.ARCHIVE, target_id=str(youth.pk))
    assert event.username == SYSTEM_USERNAME and event.user is not None


def test_edit_forms_opened_before_an_anonymisation_cannot_write_the_names_back(commune):
    youth = factories.YouthFactory(commune=commune, first_name="Inès")
    intervention = factories.InterventionFactory(youth=youth, domains=["famille"])
    goal = factories.PaeiGoalFactory(
        period=factories.AccompanimentPeriodFactory(youth=youth), text="Passer le code"
    )
    opened = [type(record).objects.get(pk=record.pk) for record in (youth, intervention, goal)]

    anonymise_youth(youth=youth, now=moment(TODAY))

    for before in opened:
        after = type(before).objects.get(pk=before.pk)
        assert after.version == before.version + 1, type(before).__name__
