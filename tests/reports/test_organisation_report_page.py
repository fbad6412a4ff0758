"""The report of all teams on the report page: offered to who sees every team, read and exported."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from carnet.reports.forms import ORGANISATION_PREFIX
from carnet.reports.models import NarrativeSection
from tests.factories import CommuneFactory, InterventionFactory, MembershipFactory, TeamFactory, YouthFactory

pytestmark = pytest.mark.django_db

QUERY = {"start": "2023-01-01", "end": "2023-12-31"}
ALL_TEAMS = "Toutes les équipes"


@pytest.fixture
def second_team(organisation):
    return TeamFactory(organisation=organisation, name="EMPS Liévin")


@pytest.fixture
def director_client(client, organisation, second_team):
    director = MembershipFactory(team=None, organisation=organisation, role=Role.DIRECTOR).user
    client.force_login(director)
    return client


@pytest.fixture
def records(team, second_team):
    for each, name in ((team, "Inès"), (second_team, "Yanis")):
        youth = YouthFactory(commune=CommuneFactory(team=each), first_name=name)
        InterventionFactory(youth=youth, domains=["scolarite"])


def _all_teams(organisation) -> dict:
    return {"team": f"{ORGANISATION_PREFIX}{organisation.pk}", **QUERY}


def test_director_is_offered_the_report_of_all_teams(director_client):
    html = director_client.get(reverse("reports:page")).content.decode()
    assert ALL_TEAMS in html


def test_team_leader_of_one_team_of_two_is_not_offered_all_teams(client, team, second_team, organisation):
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    assert ALL_TEAMS not in client.get(reverse("reports:page")).content.decode()
    response = client.get(reverse("reports:page"), _all_teams(organisation))
    assert "Répartition par âge" not in response.content.decode()


def test_team_leader_of_every_team_is_offered_all_teams(client, team, second_team):
    leader = MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    MembershipFactory(user=leader, team=second_team, role=Role.TEAM_LEADER)
    client.force_login(leader)
    assert ALL_TEAMS in client.get(reverse("reports:page")).content.decode()


def test_report_of_all_teams_counts_the_youths_of_every_team(director_client, organisation, records):
    response = director_client.get(reverse("reports:page"), _all_teams(organisation))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{organisation.name} — toutes les équipes" in html
    assert "Répartition par âge et par sexe" in html
    # Texts and issuing belong to each team's report.
    assert reverse("reports:issue") not in html
    assert reverse("reports:section_edit", args=[NarrativeSection.SETUP]) not in html


def test_cells_of_the_report_of_all_teams_list_the_youths_of_every_team(
    director_client, organisation, records
):
    query = {**_all_teams(organisation), "table": "sex", "row": "~total", "column": "youths"}
    html = director_client.get(reverse("reports:drilldown"), query).content.decode()
    assert "Inès" in html and "Yanis" in html


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("html", "text/html"),
        ("pdf", "application/pdf"),
        ("docx", "wordprocessingml"),
        ("odt", "opendocument.text"),
        ("xlsx", "spreadsheetml"),
    ],
)
def test_report_of_all_teams_downloads_in_each_format(
    director_client, organisation, records, fmt, content_type
):
    response = director_client.get(reverse("reports:export", args=[fmt]), _all_teams(organisation))
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert "toutes-les-equipes" in response["Content-Disposition"]


def test_report_of_all_teams_cannot_be_issued_or_written(director_client, organisation):
    query = "&".join(f"{key}={value}" for key, value in _all_teams(organisation).items())
    issue = director_client.post(f"{reverse('reports:issue')}?{query}", {"audience": "internal"})
    section = director_client.get(f"{reverse('reports:section_edit', args=[NarrativeSection.SETUP])}?{query}")
    assert (issue.status_code, section.status_code) == (404, 404)
