"""Attacks a hostile user would try: script injection in every text field, forged requests,
exports by a funder viewer."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from carnet.access.models import Role
from carnet.reports.models import Audience, NarrativeSection
from carnet.reports.scope import ReportScope
from carnet.reports.services import draft_save_section, report_issue
from tests.factories import (
    AccompanimentPeriodFactory,
    CollectiveActionFactory,
    CommuneFactory,
    InterventionFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipMeetingFactory,
    PresenceSessionFactory,
    QuartierFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
PERIOD = {"start": "2023-01-01", "end": "2023-12-31"}


@pytest.fixture
def poisoned(team):
    """Every free-text field a user can type into holds a script."""
    commune = CommuneFactory(team=team, name=f"Ville{SCRIPT}")
    quartier = QuartierFactory(commune=commune, name=f"Quartier{SCRIPT}")
    youth = YouthFactory(
        commune=commune, quartier=quartier, first_name=f"Inès{SCRIPT}", nickname=SCRIPT, code=SCRIPT, sex="F"
    )
    AccompanimentPeriodFactory(youth=youth)
    partner = PartnerFactory(organisation=team.organisation, name=f"Partenaire{SCRIPT}")
    intervention = InterventionFactory(youth=youth, domains=["famille"], note=f"Note{SCRIPT}")
    intervention.partners.add(partner)
    action = CollectiveActionFactory(team=team, commune=commune, title=f"Atelier{SCRIPT}", description=SCRIPT)
    action.participants.add(youth)
    PresenceSessionFactory(team=team, commune=commune, place=SCRIPT)
    PartnershipMeetingFactory(team=team, commune=commune, subject=SCRIPT)
    leader = MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    scope = ReportScope(team=team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31))
    draft_save_section(scope=scope, section=NarrativeSection.PERSPECTIVES, text=SCRIPT, user=leader)
    return {"youth": youth, "leader": leader, "team": team}


def test_no_page_lets_a_stored_script_run(client, poisoned):
    client.force_login(poisoned["leader"])
    team, youth = poisoned["team"], poisoned["youth"]
    report = {"team": team.pk, **PERIOD}
    pages = [
        (reverse("home"), {}),
        (reverse("youths:list"), {}),
        (reverse("youths:list"), {"q": "In"}),
        (reverse("youths:detail", args=[youth.pk]), {}),
        (reverse("youths:edit", args=[youth.pk]), {}),
        (reverse("activity:index"), {}),
        (reverse("activity:intervention_list"), {}),
        (reverse("activity:action_list"), {}),
        (reverse("activity:presence_list"), {}),
        (reverse("activity:meeting_list"), {}),
        (reverse("activity:partner_list"), {}),
        (reverse("reports:page"), report),
        (reverse("reports:drilldown"), {**report, "table": "sex", "row": "F", "column": "youths"}),
        (reverse("reports:export", args=["html"]), report),
    ]
    for url, params in pages:
        response = client.get(url, params)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SCRIPT not in html, f"{url} prints a script unescaped"


def test_forged_request_without_csrf_token_is_refused(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    response = client.post(
        reverse("referentials:values", args=["domaines"]), {"label": "Piège", "position": 1}
    )
    assert response.status_code == 403


def test_funder_viewer_cannot_export_or_read_an_internal_report(client, team):
    leader = MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    scope = ReportScope(team=team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31))
    internal = report_issue(scope=scope, audience=Audience.INTERNAL, user=leader)
    external = report_issue(scope=scope, audience=Audience.EXTERNAL, user=leader)
    funder = MembershipFactory(team=None, organisation=team.organisation, role=Role.FUNDER_VIEWER).user
    client.force_login(funder)
    assert client.get(reverse("reports:export", args=["pdf"]), {"team": team.pk, **PERIOD}).status_code == 403
    assert client.get(reverse("reports:issued_download", args=[internal.pk, "pdf"])).status_code == 404
    assert client.get(reverse("reports:issued_download", args=[external.pk, "xlsx"])).status_code == 200
