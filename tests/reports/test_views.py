"""The report pages: a team leader builds, reads, drills down, edits, exports and issues."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from carnet.reports.models import Audience, IssuedReport, NarrativeSection
from tests.factories import (
    InterventionFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    YouthFactory,
)

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
def records(commune):
    inès = YouthFactory(commune=commune, first_name="Inès", sex="F", birth_year=2010)
    InterventionFactory(youth=inès, domains=["scolarite", "famille"])
    return inès


def _page(client, team, **extra):
    return client.get(reverse("reports:page"), {"team": team.pk, **QUERY, **extra})


def test_team_leader_sees_the_report_of_their_team(leader_client, team, records):
    response = _page(leader_client, team)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Scolarité" in html and "Répartition par âge et par sexe" in html
    assert "<svg" in html


def test_every_count_links_to_the_youths_it_counts(leader_client, team, records):
    response = _page(leader_client, team)
    link = next(
        line.split('href="')[1].split('"')[0].replace("&amp;", "&")
        for line in response.content.decode().splitlines()
        if "table=sex" in line and "row=F" in line
    )
    listing = leader_client.get(link)
    assert listing.status_code == 200
    assert "Inès" in listing.content.decode()


def test_report_of_another_organisation_is_not_found(leader_client):
    other = TeamFactory(organisation=OrganisationFactory(name="Autre association"))
    response = _page(leader_client, other)
    assert response.status_code == 200
    assert "Calculer le bilan" in response.content.decode()
    assert "Répartition par âge" not in response.content.decode()
    drilldown = leader_client.get(
        reverse("reports:drilldown"),
        {"team": other.pk, **QUERY, "table": "sex", "row": "F", "column": "youths"},
    )
    assert drilldown.status_code == 404


def test_educator_cannot_open_reports(client, team):
    educator = MembershipFactory(team=team, role=Role.EDUCATOR).user
    client.force_login(educator)
    assert _page(client, team).status_code == 403


def test_anonymous_user_is_sent_to_the_login_page(client, team):
    response = _page(client, team)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_narrative_section_is_saved_and_shown_in_the_report(leader_client, team, records):
    url = reverse("reports:section_edit", args=[NarrativeSection.PERSPECTIVES])
    query = f"team={team.pk}&start={QUERY['start']}&end={QUERY['end']}"
    response = leader_client.post(f"{url}?{query}", {"text": "Accéder au centre social le soir."})
    assert response.status_code == 302
    assert "Accéder au centre social le soir." in _page(leader_client, team).content.decode()


def test_section_form_comes_as_a_fragment_for_htmx(leader_client, team):
    url = reverse("reports:section_edit", args=[NarrativeSection.SETUP])
    response = leader_client.get(url, {"team": team.pk, **QUERY}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<form" in html and "<html" not in html


def test_invalid_period_is_explained_next_to_the_field(leader_client, team):
    response = _page(leader_client, team, start="2023-12-31", end="2023-01-01")
    assert "La fin de la période précède son début." in response.content.decode()


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("html", "text/html"), ("xlsx", "spreadsheetml"), ("docx", "wordprocessingml")]
)
def test_report_downloads_in_each_format(leader_client, team, records, fmt, content_type):
    response = leader_client.get(reverse("reports:export", args=[fmt]), {"team": team.pk, **QUERY})
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert len(response.content) > 1000


def test_issued_report_is_downloaded_identical_after_records_change(leader_client, team, commune, records):
    query = f"team={team.pk}&start={QUERY['start']}&end={QUERY['end']}"
    response = leader_client.post(f"{reverse('reports:issue')}?{query}", {"audience": Audience.INTERNAL})
    issued = IssuedReport.objects.get()
    assert response.status_code == 302
    first = leader_client.get(reverse("reports:issued_download", args=[issued.pk, "xlsx"])).content

    YouthFactory(commune=commune, first_name="Nouveau", sex="H")
    InterventionFactory(youth=records, domains=["justice"])

    again = leader_client.get(reverse("reports:issued_download", args=[issued.pk, "xlsx"])).content
    assert again == first
    assert issued.figures["youths"] == 1


def test_a_period_from_year_one_compared_with_the_one_before_is_refused_next_to_the_field(
    leader_client, team
):
    response = _page(leader_client, team, start="0001-01-01", compare="on")

    assert response.status_code == 200
    assert "Indiquez une date à partir du 01/01/1900." in response.content.decode()


def test_before_issuing_the_leader_reads_what_the_funders_will_see_masked(leader_client, team, records):
    html = _page(leader_client, team).content.decode()
    assert "chiffres seront masqués (« s »), dont" in html
    assert "secret statistique, seuil 3" in html
    assert "<strong>1</strong>" in html.split('class="disclosure-preview"')[1]
