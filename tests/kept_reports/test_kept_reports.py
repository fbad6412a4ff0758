"""A report page is built once for the data as they are and served again until a write
commits (PostgreSQL): any write to what a report reads, by any path, makes the next page
build anew; reading never does; an erasure leaves no kept copy behind."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from carnet.access.models import Role
from carnet.activity.models import Intervention
from carnet.activity.services import intervention_create
from carnet.facts.services import rebuild_facts
from carnet.kept_reports.models import KeptReport
from carnet.kept_reports.queries import data_version
from carnet.kept_reports.services import TRIGGER, compact_changes, watched_tables
from carnet.privacy.services import erase_youth
from carnet.referentials.models import Domain
from carnet.reports import services
from carnet.reports.forms import ORGANISATION_PREFIX
from tests import factories

pytestmark = pytest.mark.django_db

QUERY = {"start": "2023-01-01", "end": "2023-12-31"}


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("reports are kept on PostgreSQL only")


@pytest.fixture
def director_client(client, organisation):
    client.force_login(
        factories.MembershipFactory(team=None, organisation=organisation, role=Role.DIRECTOR).user
    )
    return client


@pytest.fixture
def builds(monkeypatch):
    """How many times the page's report was built."""
    counted = []
    build = services.report_for

    def counting(**kwargs):
        counted.append(kwargs["scope"])
        return build(**kwargs)

    monkeypatch.setattr(services, "report_for", counting)
    return counted


def organisation_page(client, organisation):
    response = client.get(
        reverse("reports:page"), {"team": f"{ORGANISATION_PREFIX}{organisation.pk}", **QUERY}
    )
    assert response.status_code == 200
    return response.content.decode()


ZERO = '<td class="number">0</td>'


def health_row(html: str) -> str:
    """The cells of the row « Santé / Bien être » of the domain table, from its first."""
    return html.split(">Santé / Bien être</th>", 1)[1].lstrip()


def youth_with_an_intervention(team, name="Inès"):
    youth = factories.YouthFactory(commune=factories.CommuneFactory(team=team), first_name=name, nickname="")
    factories.InterventionFactory(youth=youth, date=datetime.date(2023, 5, 2), domains=["scolarite"])
    return youth


def test_the_same_report_is_built_once_and_again_after_a_write(
    postgresql_only, director_client, organisation, team, builds
):
    youth = youth_with_an_intervention(team)
    assert health_row(organisation_page(director_client, organisation)).startswith(ZERO)
    assert health_row(organisation_page(director_client, organisation)).startswith(ZERO)
    assert len(builds) == 1

    sante = Domain.objects.get(organisation=organisation, code="sante")
    intervention_create(youth=youth, date=datetime.date(2023, 6, 1), domains=[sante])
    assert not health_row(organisation_page(director_client, organisation)).startswith(ZERO)
    assert len(builds) == 2


def test_a_write_made_outside_the_services_builds_the_report_again(
    postgresql_only, director_client, organisation, team, builds
):
    youth_with_an_intervention(team)
    organisation_page(director_client, organisation)
    # Raw SQL, bulk update: no service, no signal.
    Intervention.objects.update(date=datetime.date(2022, 5, 2))
    organisation_page(director_client, organisation)
    assert len(builds) == 2


def test_rebuilt_facts_build_the_report_again(postgresql_only, director_client, organisation, team, builds):
    youth_with_an_intervention(team)
    organisation_page(director_client, organisation)
    rebuild_facts()
    organisation_page(director_client, organisation)
    assert len(builds) == 2


def test_a_report_kept_yesterday_is_made_again_today(
    postgresql_only, director_client, organisation, team, builds, monkeypatch
):
    youth_with_an_intervention(team)
    organisation_page(director_client, organisation)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert tomorrow.strftime("%Y") in organisation_page(director_client, organisation)
    assert len(builds) == 2


def test_reading_reports_does_not_move_the_data_version(postgresql_only, director_client, organisation, team):
    youth_with_an_intervention(team)
    organisation_page(director_client, organisation)
    before = data_version()[0]
    organisation_page(director_client, organisation)
    director_client.get(reverse("reports:page"), {"team": team.pk, **QUERY})
    assert data_version()[0] == before


def test_an_erased_youth_leaves_no_kept_report_behind(postgresql_only, director_client, organisation, team):
    youth = youth_with_an_intervention(team, name="Zélie")
    organisation_page(director_client, organisation)
    assert KeptReport.objects.exists()

    erase_youth(youth=youth)

    assert not KeptReport.objects.exists()
    assert "Zélie" not in organisation_page(director_client, organisation)


def test_folding_the_changes_into_the_base_keeps_the_version(postgresql_only, team):
    for number in range(3):
        youth_with_an_intervention(team, name=f"Jeune{number}")
    version, pending = data_version()
    assert pending > 0
    compact_changes()
    assert data_version() == (version, 0)


def test_every_table_a_report_reads_has_the_trigger(postgresql_only):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [TRIGGER],
        )
        triggered = {name for (name,) in cursor.fetchall()}
    watched = set(watched_tables())
    assert {
        "activity_intervention",
        "activity_intervention_domains",
        "youths_youth",
        "referentials_domain",
    } <= watched
    assert watched <= triggered


def test_nothing_is_kept_on_sqlite(director_client, organisation, team, builds):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    youth_with_an_intervention(team)
    organisation_page(director_client, organisation)
    organisation_page(director_client, organisation)
    assert len(builds) == 2
    assert not KeptReport.objects.exists()
