"""Team leaders browsing Carnet: the youth list, its search, a youth's page, a year's report,
the home page and the team's agenda.

Run by ``bench/bench_pages.py``, which writes the plan (accounts, their teams, youths and search
terms) and passes it in BENCH_PAGES_PLAN. BENCH_PAGES_THINK=0 removes the think time: each user
sends its next request as soon as the last one is answered (a closed loop at saturation).

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

_accounts = itertools.cycle(PLAN["accounts"])
_signed_in = itertools.count(1)
_everyone_signed_in = Event()


class TeamLeader(HttpUser):
    # A person reads a page for one to three seconds before the next click.
    wait_time = between(1, 3) if THINK else constant(0)

    def on_start(self) -> None:
        self.account = next(_accounts)
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

    def _read(self, url: str, name: str, headers: dict | None = None) -> None:
        # Redirects are not followed: a lost session would land on the login page with a 200.
        with self.client.get(
            url, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


def _restart_page_statistics(stats) -> None:
    for entry in stats.entries.values():
        if not entry.name.startswith(LOGIN):
            entry.reset()
    stats.total.reset()
    for key, error in list(stats.errors.items()):
        if not error.name.startswith(LOGIN):
            del stats.errors[key]
