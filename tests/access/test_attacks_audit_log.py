"""Finding 18 of the security review: a director's audit log showed the failed sign-ins of
another organisation's staff (who they are, when, from where)."""

import pytest
from django.test import Client
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent, Role
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_directors_log_shows_the_failed_sign_ins_of_their_staff_only(client, team):
    director = MembershipFactory(team=None, organisation=team.organisation, role=Role.DIRECTOR).user
    MembershipFactory(team=team, role=Role.EDUCATOR, user=UserFactory(username="notre-educ"))
    elsewhere = TeamFactory(organisation=OrganisationFactory(name="Autre association"))
    MembershipFactory(team=elsewhere, role=Role.EDUCATOR, user=UserFactory(username="leur-educ"))
    for username in ("notre-educ", "leur-educ"):
        Client().post(reverse("login"), {"username": username, "password": "mauvais"})
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 2

    client.force_login(director)
    html = client.get(reverse("access:audit_log"), {"action": AuditAction.LOGIN_FAILED}).content.decode()
    assert "notre-educ" in html and "leur-educ" not in html
