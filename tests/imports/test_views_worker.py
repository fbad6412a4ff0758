"""The import page when the task worker is not there: a stalled queue says so, a job whose worker
died ends failed with a French message and is run again from the page."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from carnet.access.models import Role
from carnet.imports import jobs
from carnet.operations import worker
from carnet.youths.models import Youth
from tests import factories

from .conftest import csv_bytes
from .test_views import HEADER, URL
from .test_views_background import post_file, rows

STALLED = "Le traitement en arrière-plan de Carnet ne tourne pas"


@pytest.fixture(autouse=True)
def _background(settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path / "var"  # no heartbeat of a worker running on this machine
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(jobs, "BACKGROUND_ROWS", 10)


@pytest.fixture
def leader(client, team):
    user = factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    client.force_login(user)
    return user


def run_the_queue() -> None:
    call_command("worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)


def test_a_file_waiting_while_no_worker_runs_says_the_queue_is_stalled(client, leader, team, montigny):
    progress_url = post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *rows(30)]), "youths")["Location"]

    page = client.get(progress_url).content.decode()

    assert STALLED in page


def test_a_file_waiting_for_a_live_worker_shows_no_warning(client, leader, team, montigny):
    worker.beat("travailleur-1")
    progress_url = post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *rows(30)]), "youths")["Location"]

    page = client.get(progress_url).content.decode()

    assert "en attente du traitement en arrière-plan" in page
    assert STALLED not in page


# The worker closes a connection found inside a transaction (PostgreSQL): no test transaction.
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_was_killed_ends_failed_on_the_page_and_is_run_again_from_it(
    client, leader, team, montigny
):
    progress_url = post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *rows(30)]), "youths")["Location"]
    run_the_queue()
    review = client.get(progress_url)
    response = client.post(URL, {"token": review.context["token"], "action": "import"} | _form(review))
    # The import's task is claimed by a worker that then dies (SIGKILL leaves no trace but this).
    DBTaskResult.objects.get(status="READY").claim("travailleur-tue")

    failed = client.get(response["Location"])

    assert failed.context["step"] == "review"
    assert failed.context["problem"] == jobs.WORKER_STOPPED
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert not Youth.objects.exists()

    client.post(URL, {"token": review.context["token"], "action": "check"} | _form(failed))
    run_the_queue()
    checked = client.get(progress_url)
    assert checked.context["report"].ok
    client.post(URL, {"token": review.context["token"], "action": "import"} | _form(checked))
    run_the_queue()
    done = client.get(progress_url)

    assert done.context["step"] == "done"
    assert Youth.objects.count() == 30


# The worker closes a connection found inside a transaction (PostgreSQL): no test transaction.
@pytest.mark.django_db(transaction=True)
def test_a_worker_starting_marks_failed_the_task_its_dead_predecessor_left_running(
    client, leader, team, montigny
):
    post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *rows(30)]), "youths")
    DBTaskResult.objects.get().claim("travailleur-tue")

    run_the_queue()

    assert DBTaskResult.objects.get().status == "FAILED"
    assert DBTaskResult.objects.get().exception_class_path == "carnet.operations.worker.WorkerDied"


def _form(response) -> dict:
    return {field.name: field.value() or "" for field in response.context["form"]}
