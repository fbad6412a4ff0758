"""The Django side of the pages benchmark, run as a subprocess with one database's environment.

    python bench/pages/probe.py built           -> {"built": bool}
    python bench/pages/probe.py plan USERS OUT  -> writes the plan, prints the measures

The plan holds, for USERS team leaders of the organisation ``manage.py synth`` writes by default,
their team, its years of records, its youths and a few search terms, and USERS directors of that
organisation with its pk and years: what the simulated users of the locustfile browse.
The measures are the SQL queries of one request of each page (Django's test client, so every
middleware counts: session, user, permissions, audit) and its time alone, without concurrency.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carnet.settings")

import django  # noqa: E402

django.setup()

import paths  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from carnet.access.models import AuditEvent, Membership, Role, User  # noqa: E402
from carnet.access.permissions import Capability, teams_with  # noqa: E402
from carnet.activity.models import Intervention  # noqa: E402
from carnet.demo.synth_catalogue import DEFAULT_ORGANISATION_NAME as ORGANISATION  # noqa: E402
from carnet.organisations.models import Organisation, Team  # noqa: E402
from carnet.reports.forms import ScopeForm  # noqa: E402
from carnet.youths.models import Youth  # noqa: E402
from carnet.youths.search import fold  # noqa: E402

SEARCHES_PER_ACCOUNT = 40
TIMED_RUNS = 5
DIRECTOR_USERNAME = "banc-direction-{number:02d}"
REPORT_PAGES = (paths.REPORT_PAGE, *paths.ORGANISATION_PAGES)


def built() -> dict:
    return {"built": Team.objects.filter(organisation__name=ORGANISATION).exists()}


def accounts(users: int) -> list[dict]:
    """Each simulated user signs in as a team leader of their own team: team leaders see the
    youths and the reports, and the synthetic organisation does not demand two-factor codes."""
    leaders = (
        Membership.objects.filter(team__organisation__name=ORGANISATION, role=Role.TEAM_LEADER)
        .select_related("user", "team")
        .order_by("team_id")[:users]
    )
    plan = []
    for membership in leaders:
        team = membership.team
        youths = list(Youth.objects.in_active_base().filter(team=team).values_list("pk", "first_name"))
        years = Intervention.objects.filter(team=team).aggregate(first=Min("date"), last=Max("date"))
        terms = sorted({fold(first_name)[:3] for _pk, first_name in youths if len(first_name) >= 3})
        plan.append(
            {
                "username": membership.user.username,
                "team": team.pk,
                "years": list(range(years["first"].year, years["last"].year + 1)),
                "youths": [pk for pk, _first_name in youths],
                "searches": terms[:: max(1, len(terms) // SEARCHES_PER_ACCOUNT)],
            }
        )
    return plan


@transaction.atomic
def directors(users: int) -> list[dict]:
    """USERS directors of the organisation, each with an account of their own, as the team
    leaders have theirs. ``synth`` writes one director; the others are added here, with its
    password (the hash of the benchmark's password, as every synthetic account) and the same
    organisation-wide role. The synthetic organisation demands no two-factor code, as for the
    team leaders; the locustfile counts a redirection (to the code's page) as a failure."""
    organisation = Organisation.objects.get(name=ORGANISATION)
    # synth's director: the first (the benchmark's are added after it, and kept when reused).
    memberships = Membership.objects.filter(organisation=organisation, role=Role.DIRECTOR, team=None)
    director = memberships.order_by("pk").first().user
    years = Intervention.objects.filter(team__organisation=organisation).aggregate(
        first=Min("date"), last=Max("date")
    )
    plan = []
    for number in range(1, users + 1):
        user, _created = User.objects.get_or_create(
            username=DIRECTOR_USERNAME.format(number=number),
            defaults={"first_name": "Direction", "last_name": str(number), "password": director.password},
        )
        Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.DIRECTOR, team=None)
        plan.append(
            {
                "username": user.username,
                "organisation": organisation.pk,
                "years": list(range(years["first"].year, years["last"].year + 1)),
            }
        )
    return plan


def measured_urls(account: dict) -> dict[str, tuple[str, dict]]:
    """One URL per page, the heaviest of its kind: the youth with the most interventions,
    the team's last year, a search term matching many youths."""
    team = Team.objects.get(pk=account["team"])
    busiest = (
        Youth.objects.in_active_base()
        .filter(team=team)
        .annotate(interventions_count=Count("interventions"))
        .order_by("-interventions_count", "pk")
        .first()
    )
    return {
        paths.YOUTH_LIST: (paths.youth_list(), {}),
        paths.YOUTH_SEARCH: (paths.youth_search(fold(busiest.first_name)[:2] or "a"), paths.HTMX),
        paths.YOUTH_PAGE: (paths.youth_page(busiest.pk), {}),
        paths.REPORT_PAGE: (paths.report_page(team.pk, account["years"][-1]), {}),
        paths.HOME: (paths.home(), {}),
        paths.AGENDA: (paths.agenda_week(), {}),
    }


def organisation_urls(director: dict) -> dict[str, tuple[str, dict]]:
    """The organisation's report for its last year, and for all its years (the heaviest)."""
    organisation, years = director["organisation"], director["years"]
    return {
        paths.ORGANISATION_YEAR: (paths.organisation_report_page(organisation, years[-1], years[-1]), {}),
        paths.ORGANISATION_ALL_YEARS: (paths.organisation_report_page(organisation, years[0], years[-1]), {}),
    }


def check_report_scope(username: str, url: str, *, organisation: bool) -> None:
    """A URL the scope form refuses still answers 200 (the form alone, without a report):
    check that the form accepts it, for the report of the kind the page is named after."""
    form = ScopeForm(
        QueryDict(urlsplit(url).query),
        teams=teams_with(User.objects.get(username=username), Capability.VIEW_REPORTS),
    )
    if not form.is_valid() or form.scope.is_organisation != organisation:
        raise SystemExit(f"probe: {url} is not the report it is named after ({form.errors.as_text()})")


def page_measures(username: str, urls: dict[str, tuple[str, dict]]) -> dict[str, dict]:
    """Queries and time of one request of each page, after a first request that warms the
    session (the two-factor check runs once per session) and the caches."""
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    measures = {}
    for page, (url, headers) in urls.items():
        response = client.get(url, headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"probe: {url} answered {response.status_code}")
        if page in REPORT_PAGES:
            check_report_scope(username, url, organisation=page in paths.ORGANISATION_PAGES)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, headers=headers)
        # Read now: the next request's start empties the log the context reads from.
        count = len(queries.captured_queries)
        times = []
        for _run in range(TIMED_RUNS):
            began = time.perf_counter()
            client.get(url, headers=headers)
            times.append(time.perf_counter() - began)
        measures[page] = {
            "url": url,
            "queries": count,
            "alone_ms": statistics.median(times) * 1000,
        }
    return measures


def plan(users: int, out: Path) -> dict:
    if connection.vendor == "postgresql":
        # As autovacuum would shortly after such a load; the report benchmark does the same.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    team_accounts = accounts(users)
    director_accounts = directors(users)
    out.write_text(json.dumps({"accounts": team_accounts, "directors": director_accounts}))
    teams = Team.objects.filter(organisation__name=ORGANISATION)
    return {
        "engine": engine(),
        "teams": teams.count(),
        "youths": Youth.objects.filter(team__in=teams).count(),
        "interventions": Intervention.objects.filter(team__in=teams).count(),
        "audit_events": AuditEvent.objects.count(),
        "accounts": len(team_accounts),
        "pages": page_measures(team_accounts[0]["username"], measured_urls(team_accounts[0]))
        | page_measures(director_accounts[0]["username"], organisation_urls(director_accounts[0])),
    }


def engine() -> str:
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"PostgreSQL {major}.{minor}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def main(argv: list[str]) -> None:
    command, *rest = argv
    if command == "built":
        result = built()
    else:
        users, out = rest
        result = plan(int(users), Path(out))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
