"""Report screens that name youths write the read to the audit log (issue 13, finding 6)."""

import pytest
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent, Role
from carnet.reports.models import Audience, IssuedReport
from tests.factories import InterventionFactory, MembershipFactory, YouthFactory

pytestmark = pytest.mark.django_db

QUERY = {"start": "2023-05-09", "end": "2023-12-31"}


@pytest.fixture
def leader(team):
    return MembershipFactory(team=team, role=Role.TEAM_LEADER).user


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def inès(commune):
    # No sex recorded: the report lists her among the data gaps.
    inès = YouthFactory(commune=commune, first_name="Inès", sex="", birth_year=2010)
    InterventionFactory(youth=inès, domains=["famille"])
    return inès


def _reads(user) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.READ, user=user))


def test_the_reports_data_gap_list_is_no_longer_an_unaudited_read_of_names(leader_client, leader, team, inès):
    response = leader_client.get(reverse("reports:page"), {"team": team.pk, **QUERY})

    assert "Inès" in response.content.decode()
    assert any(inès.pk in event.changes.get("jeunes", []) for event in _reads(leader))


def test_a_drilldown_listing_interventions_by_youth_is_no_longer_an_unaudited_read(
    leader_client, leader, team, inès
):
    intervention = inès.interventions.get()
    query = {"team": team.pk, **QUERY, "table": "domains", "row": "famille", "column": "interventions"}

    response = leader_client.get(reverse("reports:drilldown"), query)

    assert "Inès" in response.content.decode()
    targets = {(event.target_type, event.target_id) for event in _reads(leader)}
    assert ("activity.intervention", str(intervention.pk)) in targets


def test_downloading_an_issued_internal_report_is_no_longer_an_unaudited_read(
    leader_client, leader, team, inès
):
    query = f"team={team.pk}&start={QUERY['start']}&end={QUERY['end']}"
    leader_client.post(f"{reverse('reports:issue')}?{query}", {"audience": Audience.INTERNAL})
    issued = IssuedReport.objects.get()

    response = leader_client.get(reverse("reports:issued_download", args=[issued.pk, "xlsx"]))

    assert response.status_code == 200
    targets = {(event.target_type, event.target_id) for event in _reads(leader)}
    assert ("reports.issuedreport", str(issued.pk)) in targets
