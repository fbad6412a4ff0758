"""The admin goes through the permission layer: an administrator sees only their organisation's
records, and youth files only where they also hold a team role."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from carnet.access.models import Role
from carnet.editing.versions import EditConflict
from carnet.youths.models import Youth
from carnet.youths.services import youth_update
from tests.factories import CommuneFactory, MembershipFactory, UserFactory, YouthFactory
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator_in_team(team):
    """An administrator who is also an educator of the team: the only kind of admin user who
    sees youth files there."""
    user = UserFactory(is_staff=True)
    MembershipFactory(user=user, team=None, organisation=team.organisation, role=Role.ADMIN)
    MembershipFactory(user=user, team=team, role=Role.EDUCATOR)
    return user


def _manager(team, *codenames):
    manager = UserFactory(is_staff=True)
    MembershipFactory(user=manager, team=None, organisation=team.organisation, role=Role.ADMIN)
    manager.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return manager


def test_an_administrator_lists_only_the_youths_of_their_team(client, administrator_in_team, commune):
    YouthFactory(commune=commune, first_name="Inès")
    YouthFactory(first_name="Ailleurs")  # another team
    force_login_verified(client, administrator_in_team)
    html = client.get(reverse("admin:youths_youth_changelist")).content.decode()
    assert "Inès" in html and "Ailleurs" not in html


def test_youth_of_another_team_is_not_reachable_by_its_id(client, administrator_in_team):
    other = YouthFactory(first_name="Ailleurs")
    force_login_verified(client, administrator_in_team)
    response = client.get(reverse("admin:youths_youth_change", args=[other.pk]))
    assert response.status_code == 302  # the admin's "does not exist" redirect, not the record
    assert "Ailleurs" not in client.get(response["Location"]).content.decode()


def test_superuser_without_a_team_role_sees_no_youth_file(client, commune):
    YouthFactory(commune=commune, first_name="Inès")
    admin = UserFactory(is_staff=True, is_superuser=True)
    force_login_verified(client, admin)
    assert client.get(reverse("admin:youths_youth_changelist")).status_code == 403


def test_choices_of_a_form_come_from_the_users_teams_only(client, administrator_in_team, commune):
    CommuneFactory(name="Liévin")  # of another team
    force_login_verified(client, administrator_in_team)
    html = client.get(reverse("admin:youths_youth_add")).content.decode()
    assert commune.name in html
    assert "Liévin" not in html


def test_account_manager_cannot_grant_superuser_status_or_raw_permissions(client, team):
    manager = _manager(team, "view_user", "change_user", "view_membership", "change_membership")
    educator = MembershipFactory(team=team, role=Role.EDUCATOR).user
    force_login_verified(client, manager)
    html = client.get(reverse("admin:access_user_change", args=[educator.pk])).content.decode()
    assert 'name="is_superuser"' not in html and 'name="user_permissions"' not in html
    assert 'name="groups"' not in html and 'name="is_staff"' not in html


def test_account_manager_sees_only_the_staff_of_their_organisation(client, team):
    manager = _manager(team, "view_user", "change_user")
    MembershipFactory(team=team, role=Role.EDUCATOR, user__username="du-cru")
    MembershipFactory(role=Role.EDUCATOR, user__username="d-ailleurs")
    force_login_verified(client, manager)
    html = client.get(reverse("admin:access_user_changelist")).content.decode()
    assert "du-cru" in html and "d-ailleurs" not in html


def test_a_change_saved_in_the_admin_refuses_the_edit_forms_opened_before_it(
    rf, administrator_in_team, commune
):
    youth = YouthFactory(commune=commune, first_name="Inès")
    opened_at = youth.version  # an educator opens Inès's file in Carnet
    request = rf.post("/")
    request.user = administrator_in_team

    changed = Youth.objects.get(pk=youth.pk)
    changed.nickname = "Nénette"
    admin.site._registry[Youth].save_model(request, changed, form=None, change=True)

    assert changed.version == opened_at + 1
    with pytest.raises(EditConflict):
        youth_update(youth=youth, user=administrator_in_team, version=opened_at, nickname="Inès B.")
    assert Youth.objects.get(pk=youth.pk).nickname == "Nénette"
