"""Who may open the activity pages: the permission layer, applied to every one of them."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from tests.factories import (
    CollectiveActionFactory,
    CommuneFactory,
    InterventionFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PartnershipMeetingFactory,
    PresenceSessionFactory,
    TeamFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db

LISTS = ["index", "presence_list", "intervention_list", "action_list", "meeting_list", "partner_list"]
ENTRIES = ["presence_create", "intervention_create", "action_create", "meeting_create", "partner_create"]


@pytest.fixture
def records(team, commune, organisation):
    """One record of each kind in the team: name -> primary key, for the change and delete pages."""
    return {
        "presence": PresenceSessionFactory(team=team).pk,
        "intervention": InterventionFactory(youth=YouthFactory(commune=commune), domains=["famille"]).pk,
        "action": CollectiveActionFactory(team=team).pk,
        "meeting": PartnershipMeetingFactory(team=team).pk,
        "partner": PartnerFactory(organisation=organisation).pk,
    }


def _record_urls(records):
    return [
        reverse(f"activity:{kind}_{page}", args=[pk])
        for kind, pk in records.items()
        for page in ("update", "delete")
    ]


def _client_as(client, team, role):
    client.force_login(MembershipFactory(team=team, role=role).user)
    return client


def test_anonymous_user_is_sent_to_the_login_page_from_every_page(client, records):
    urls = [reverse(f"activity:{name}") for name in LISTS + ENTRIES] + _record_urls(records)
    urls.append(reverse("activity:youth_search"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_funder_viewer_is_refused_every_page(client, team, records):
    _client_as(client, team, Role.FUNDER_VIEWER)
    urls = [reverse(f"activity:{name}") for name in LISTS + ENTRIES] + _record_urls(records)
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_director_reads_the_lists_but_records_nothing(client, team, records):
    client.force_login(MembershipFactory(team=None, organisation=team.organisation, role=Role.DIRECTOR).user)
    for name in LISTS:
        assert client.get(reverse(f"activity:{name}")).status_code == 200, name
    for name in ENTRIES:
        assert client.get(reverse(f"activity:{name}")).status_code == 403, name
    html = client.get(reverse("activity:presence_list")).content.decode()
    assert "Modifier" not in html


def test_educator_opens_every_page_of_their_team(educator_client, records):
    urls = [reverse(f"activity:{name}") for name in LISTS + ENTRIES] + _record_urls(records)
    for url in urls:
        assert educator_client.get(url).status_code == 200, url


def test_team_leader_records_activity_too(client, team):
    _client_as(client, team, Role.TEAM_LEADER)
    assert client.get(reverse("activity:presence_create")).status_code == 200


def test_records_of_another_organisation_are_not_found(educator_client):
    foreign_team = TeamFactory(organisation=OrganisationFactory(name="Autre asso"))
    foreign = {
        "presence": PresenceSessionFactory(team=foreign_team).pk,
        "intervention": InterventionFactory(
            youth=YouthFactory(commune=CommuneFactory(team=foreign_team)), domains=["famille"]
        ).pk,
        "action": CollectiveActionFactory(team=foreign_team).pk,
        "meeting": PartnershipMeetingFactory(team=foreign_team).pk,
        "partner": PartnerFactory(organisation=foreign_team.organisation).pk,
    }
    for url in _record_urls(foreign):
        assert educator_client.get(url).status_code == 404, url
        assert educator_client.post(url).status_code == 404, url
