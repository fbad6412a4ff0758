"""Uploaded files hold youths' names: private to Carnet's account, deleted once imported, and
deleted after a day when the import is abandoned."""

import os
import stat
import time

import pytest

from carnet.access.models import Role
from carnet.imports import jobs
from carnet.privacy.tasks import run_retention
from tests import factories

from .conftest import csv_bytes
from .test_views import GOOD, HEADER, URL
from .test_views_background import IMMEDIATE, post_file, rows


@pytest.fixture
def leader(client, team):
    user = factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    client.force_login(user)
    return user


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def stored(client) -> list:
    return [state["path"] for state in client.session["imports"].values()]


def test_an_uploaded_file_and_its_folder_are_readable_by_carnet_alone(client, leader, team, montigny):
    post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *GOOD]), "youths")
    [path] = stored(client)

    assert mode(jobs.directory() / os.path.basename(path)) == 0o600
    assert mode(jobs.directory()) == 0o700


def test_the_job_and_progress_files_of_a_background_check_are_private(
    client, leader, team, montigny, settings, monkeypatch
):
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(jobs, "BACKGROUND_ROWS", 10)
    post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *rows(30)]), "youths")

    files = [path for path in jobs.directory().iterdir()]

    assert {path.suffix for path in files} >= {".json", ".task"}
    assert {mode(path) for path in files} == {0o600}


def test_a_background_import_deletes_its_file_once_written_even_if_its_page_is_never_seen_again(
    client, leader, team, montigny, settings, monkeypatch
):
    settings.TASKS = IMMEDIATE
    monkeypatch.setattr(jobs, "BACKGROUND_ROWS", 10)
    response = client.get(
        post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *rows(30)]), "youths")["Location"]
    )
    [path] = stored(client)
    form = {field.name: field.value() or "" for field in response.context["form"]}

    client.post(URL, {"token": response.context["token"], "action": "import"} | form)

    assert not (jobs.directory() / os.path.basename(path)).exists()


def test_files_of_an_import_abandoned_for_more_than_a_day_are_deleted_by_the_daily_retention(
    client, leader, team, montigny
):
    post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *GOOD]), "youths")
    post_file(client, team, "jeunes.csv", csv_bytes([HEADER, *GOOD]), "youths")
    abandoned, recent = (jobs.directory() / os.path.basename(path) for path in stored(client))
    two_days_ago = time.time() - 2 * 86400
    os.utime(abandoned, (two_days_ago, two_days_ago))

    run_retention.call()

    assert not abandoned.exists()
    assert recent.exists()
