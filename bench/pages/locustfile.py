"""Two kinds of users, one per run (``bench/bench_pages.py`` names the class on locust's command line):

- ``TeamLeader``: team leaders browsing Carnet: the youth list, its search, a youth's page, a
  year's report, the home page and the team's agenda;
- ``Director``: directors opening the report of the whole organisation, for a calendar year of
  the data or, less often, for all its years.

Run by ``bench/bench_pages.py``, which writes the plan (accounts, their teams, youths and search
terms; the directors and their organisation) and passes it in BENCH_PAGES_PLAN.
BENCH_PAGES_THINK=0 removes the think time: each user sends its next request as soon as the last
one is answered (a closed loop at saturation).

Each user signs in with the login form, as a person would. Once the last of them is signed in,
the pages' statistics start again from zero: the burst of simultaneous logins (Argon2 hashing,
deliberately slow) is measured on its own lines, and no user browses before the last one is in:
the pages' latencies are those of 20 users browsing, not of requests queued behind logins.
"""

import itertools
import json
import os
import random
from pathlib import Path

import gevent
import paths
from gevent.event import Event
from locust import HttpUser, between, constant, task

PLAN = json.loads(Path(os.environ["BENCH_PAGES_PLAN"]).read_text())
PASSWORD = os.environ["BENCH_PAGES_PASSWORD"]
THINK = os.environ.get("BENCH_PAGES_THINK", "1") == "1"
LOGIN = "login"

# The accounts of each kind of user, handed out in turn: with 20 users and 20 accounts, one each.
_accounts = {kind: itertools.cycle(PLAN[kind]) for kind in ("accounts", "directors") if PLAN.get(kind)}
_signed_in = itertools.count(1)
_everyone_signed_in = Event()


class SignedInUser(HttpUser):
    """A person signed in through the login form, with an account of ``PLAN[plan_key]``."""

    abstract = True
    plan_key = ""
    # A person reads a page for one to three seconds before the next click.
    wait_time = between(1, 3) if THINK else constant(0)

    def on_start(self) -> None:
        self.account = next(_accounts[self.plan_key])
        self.client.get(paths.LOGIN, name="login form")
        form = {
            "username": self.account["username"],
            "password": PASSWORD,
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
        }
        with self.client.post(
            paths.LOGIN, data=form, name=LOGIN, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")
        if next(_signed_in) == self.environment.runner.target_user_count:
            _restart_page_statistics(self.environment.stats)
            _everyone_signed_in.set()
        _everyone_signed_in.wait()
        if THINK:
            # People do not all click in the same second: each starts after its own first pause.
            gevent.sleep(random.uniform(0, 3))

    def _read(self, url: str, name: str, headers: dict | None = None) -> None:
        # Redirects are not followed: a lost session would land on the login page with a 200.
        with self.client.get(
            url, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class TeamLeader(SignedInUser):
    plan_key = "accounts"

    @task(2)
    def youth_list(self) -> None:
        self._read(paths.youth_list(), paths.YOUTH_LIST)

    @task(3)
    def youth_search(self) -> None:
        # Search as you type: the results fragment after two or three letters.
        term = random.choice(self.account["searches"])[: random.choice((2, 3))]
        self._read(paths.youth_search(term), paths.YOUTH_SEARCH, headers=paths.HTMX)

    @task(4)
    def youth_page(self) -> None:
        self._read(paths.youth_page(random.choice(self.account["youths"])), paths.YOUTH_PAGE)

    @task(1)
    def report_page(self) -> None:
        year = random.choice(self.account["years"])
        self._read(paths.report_page(self.account["team"], year), paths.REPORT_PAGE)

    @task(2)
    def home(self) -> None:
        self._read(paths.home(), paths.HOME)

    @task(1)
    def agenda_week(self) -> None:
        self._read(paths.agenda_week(), paths.AGENDA)


class Director(SignedInUser):
    """Directors read the yearly bilan of the whole organisation; now and then the whole span
    of the data, as when comparing years (one request in five)."""

    plan_key = "directors"

    @task(4)
    def organisation_year(self) -> None:
        year = random.choice(self.account["years"])
        url = paths.organisation_report_page(self.account["organisation"], year, year)
        self._read(url, paths.ORGANISATION_YEAR)

    @task(1)
    def organisation_all_years(self) -> None:
        years = self.account["years"]
        url = paths.organisation_report_page(self.account["organisation"], years[0], years[-1])
        self._read(url, paths.ORGANISATION_ALL_YEARS)


def _restart_page_statistics(stats) -> None:
    for entry in stats.entries.values():
        if not entry.name.startswith(LOGIN):
            entry.reset()
    stats.total.reset()
    for key, error in list(stats.errors.items()):
        if not error.name.startswith(LOGIN):
            del stats.errors[key]
