"""The daily background run of the retention rule."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from carnet.privacy.models import YouthArchive
from carnet.privacy.tasks import run_retention
from tests import factories

pytestmark = pytest.mark.django_db


def waiting():
    return DBTaskResult.objects.filter(task_path=run_retention.module_path, status=TaskResultStatus.READY)


def test_the_task_applies_the_rule_and_queues_itself_for_the_next_day(commune):
    youth = factories.YouthFactory(commune=commune, first_contact_date=datetime.date(2000, 1, 1))
    before = timezone.now()
    result = run_retention.call()
    assert result == {"archivees": [youth.pk], "anonymisees": []}
    assert YouthArchive.objects.filter(youth=youth).exists()
    (queued,) = waiting()
    assert queued.run_after >= before + datetime.timedelta(days=1) - datetime.timedelta(minutes=1)


def test_schedule_retention_queues_one_run_only(db):
    out = io.StringIO()
    call_command("schedule_retention", stdout=out)
    call_command("schedule_retention", stdout=out)
    assert waiting().count() == 1
    assert "déjà prévue" in out.getvalue()


def test_the_task_does_not_queue_a_second_run_when_one_waits(db):
    call_command("schedule_retention", stdout=io.StringIO())
    run_retention.call()
    assert waiting().count() == 1
