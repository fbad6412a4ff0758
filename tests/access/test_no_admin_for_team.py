"""No team role needs the Django admin: an educator has no link to it and is refused there."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.EDUCATOR, Role.TEAM_LEADER, Role.DIRECTOR])
def test_a_team_role_has_no_admin_link_and_is_refused_there(client, team, role):
    user = factories.MembershipFactory(
        team=team if role != Role.DIRECTOR else None, organisation=team.organisation, role=role
    ).user
    client.force_login(user)
    for url in (reverse("home"), reverse("agenda:week") if role != Role.DIRECTOR else reverse("home")):
        assert "/admin/" not in client.get(url).content.decode()
    response = client.get("/admin/")
    assert response.status_code in (302, 403, 404)
    assert response.status_code != 302 or "/admin/login/" in response["Location"]
