"""Every list takes the same number of queries with one record or many pages of them."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from tests.factories import (
    CollectiveActionFactory,
    InterventionFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipMeetingFactory,
    PresenceSessionFactory,
    QuartierFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, two-factor device, permission check, capabilities for the menu, the page's
# count, its rows and one query per many-to-many relation shown: about 14. A query per row
# would add 25 on a full page.
MAX_QUERIES = 16


def _fill(team, commune, organisation, *, count: int) -> None:
    """``count`` records of every kind, each with its related rows filled in."""
    quartier = QuartierFactory(commune=commune)
    educators = [MembershipFactory(team=team, role=Role.EDUCATOR).user for _ in range(2)]
    partners = PartnerFactory.create_batch(2, organisation=organisation, commune=commune)
    youths = YouthFactory.create_batch(3, commune=commune)
    for _ in range(count):
        session = PresenceSessionFactory(team=team, commune=commune, quartier=quartier, youths_met=5)
        session.known_youths.set(youths)
        session.educators.set(educators)
        intervention = InterventionFactory(youth=youths[0], domains=["famille", "scolarite"])
        intervention.educators.set(educators)
        intervention.partners.set(partners)
        action = CollectiveActionFactory(team=team, commune=commune, quartier=quartier)
        action.participants.set(youths)
        action.educators.set(educators)
        meeting = PartnershipMeetingFactory(team=team, commune=commune)
        meeting.partners.set(partners)
        meeting.educators.set(educators)
    PartnerFactory.create_batch(count, organisation=organisation)


@pytest.mark.parametrize(
    "name", ["presence_list", "intervention_list", "action_list", "meeting_list", "partner_list"]
)
@pytest.mark.parametrize("count", [1, 40])
def test_list_takes_a_fixed_number_of_queries(
    educator_client, team, commune, organisation, django_assert_max_num_queries, name, count
):
    _fill(team, commune, organisation, count=count)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = educator_client.get(reverse(f"activity:{name}"), {"page": 2 if count > 25 else 1})
    assert response.status_code == 200
    assert len(response.context["page"]) >= 1
