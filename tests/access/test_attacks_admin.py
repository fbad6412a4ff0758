"""Findings 2–5, 16 and 17 of the security review: the Django admin was a back door around
the lockout, the archive, the audit and the organisation's borders, because every staff role
had ``is_staff``. It is now a tool for administrators only, past the second factor."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from carnet.access.models import AuditAction, AuditEvent, Membership, Role, User
from carnet.privacy.models import YouthArchive
from tests.factories import (
    InterventionFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    UserFactory,
    YouthFactory,
)
from tests.second_factor import confirmed_device_for, force_login_verified

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-de-test"


@pytest.fixture
def administrator(team):
    user = UserFactory(username="admin-asso", is_staff=True)
    MembershipFactory(user=user, team=None, organisation=team.organisation, role=Role.ADMIN)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                "view_user",
                "change_user",
                "view_membership",
                "change_membership",
                "add_membership",
            ]
        )
    )
    return user


@pytest.mark.parametrize("role", [Role.EDUCATOR, Role.TEAM_LEADER, Role.DIRECTOR, Role.FUNDER_VIEWER])
def test_a_non_administrator_is_refused_by_every_admin_page_even_with_is_staff(client, team, role):
    team_role = role in (Role.EDUCATOR, Role.TEAM_LEADER)
    user = MembershipFactory(
        team=team if team_role else None, organisation=team.organisation, role=role, user__is_staff=True
    ).user
    youth = YouthFactory(team=team)
    force_login_verified(client, user)
    for url in (
        reverse("admin:index"),
        reverse("admin:youths_youth_change", args=[youth.pk]),
        reverse("admin:activity_intervention_add") + f"?youth={youth.pk}",
    ):
        assert client.get(url).status_code == 403, url
    assert "/admin/" not in client.get(reverse("home")).content.decode()


def test_an_account_locked_on_the_sign_in_page_cannot_sign_in_through_the_admins(administrator):
    client = Client()
    for _attempt in range(6):
        client.post(reverse("login"), {"username": administrator.username, "password": "mauvais"})
    client.post(reverse("admin:login"), {"username": administrator.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))


def test_the_admins_own_sign_in_form_is_gone_it_sends_to_carnets(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_administrator_without_the_second_factor_does_not_enter_the_admin(client, team, administrator):
    # Whatever the organisation says: it does not demand a second factor here.
    assert not team.organisation.require_two_factor
    client.post(reverse("login"), {"username": administrator.username, "password": PASSWORD})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] == reverse("access:two_factor_setup")


def test_a_superuser_without_the_second_factor_does_not_enter_the_admin(client):
    User.objects.create_superuser("racine", password=PASSWORD)
    client.post(reverse("login"), {"username": "racine", "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(reverse("home"))["Location"] == reverse("access:two_factor_setup")


def test_an_administrator_cannot_see_or_change_a_superusers_password(client, administrator, team):
    root = User.objects.create_superuser("racine", password=PASSWORD)
    MembershipFactory(user=root, team=team, role=Role.EDUCATOR)  # even one with a role here
    force_login_verified(client, administrator)
    assert "racine" not in client.get(reverse("admin:access_user_changelist")).content.decode()
    password_page = reverse("admin:auth_user_password_change", args=[root.pk])
    response = client.post(
        password_page, {"password1": "pris-par-l-attaquant", "password2": "pris-par-l-attaquant"}
    )
    assert response.status_code in (302, 403, 404)
    root.refresh_from_db()
    assert root.check_password(PASSWORD)


def test_an_administrator_cannot_set_a_colleagues_password(client, administrator, team):
    director = MembershipFactory(team=None, organisation=team.organisation, role=Role.DIRECTOR).user
    force_login_verified(client, administrator)
    url = reverse("admin:auth_user_password_change", args=[director.pk])
    response = client.post(url, {"password1": "pris-par-l-attaquant", "password2": "pris-par-l-attaquant"})
    assert response.status_code == 403
    director.refresh_from_db()
    assert director.check_password(PASSWORD)


def test_an_administrator_cannot_make_themselves_director(client, administrator, team):
    force_login_verified(client, administrator)
    response = client.post(
        reverse("admin:access_membership_add"),
        {"user": administrator.pk, "organisation": team.organisation.pk, "role": Role.DIRECTOR},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not Membership.objects.filter(user=administrator, role=Role.DIRECTOR).exists()
    assert client.get(reverse("admin:access_user_change", args=[administrator.pk])).status_code == 302


def test_an_archived_youth_is_out_of_reach_in_the_admin_and_no_youth_is_deleted_there(
    client, administrator, team
):
    MembershipFactory(user=administrator, team=team, role=Role.TEAM_LEADER)
    archived = YouthFactory(team=team, first_name="Archivé")
    InterventionFactory(youth=archived)
    YouthArchive.objects.create(
        youth=archived, archived_at=timezone.now(), last_contact=datetime.date(2019, 1, 1)
    )
    kept = YouthFactory(team=team, first_name="Suivi")
    force_login_verified(client, administrator)
    assert "Archivé" not in client.get(reverse("admin:youths_youth_changelist")).content.decode()
    assert client.get(reverse("admin:youths_youth_change", args=[archived.pk])).status_code == 302
    assert "Archivé" not in client.get(reverse("admin:activity_intervention_changelist")).content.decode()
    client.post(reverse("admin:youths_youth_delete", args=[kept.pk]), {"post": "yes"})
    client.post(reverse("admin:youths_youth_delete", args=[archived.pk]), {"post": "yes"})
    assert archived.interventions.exists() and type(kept).objects.filter(pk=kept.pk).exists()


def test_opening_a_youth_in_the_admin_is_audited(client, administrator, team):
    MembershipFactory(user=administrator, team=team, role=Role.TEAM_LEADER)
    youth = YouthFactory(team=team)
    force_login_verified(client, administrator)
    client.get(reverse("admin:youths_youth_change", args=[youth.pk]))
    assert AuditEvent.objects.filter(
        action=AuditAction.READ, user=administrator, target_type="youths.youth", target_id=str(youth.pk)
    ).exists()


def test_the_youth_of_another_team_is_not_named_on_an_add_form_given_its_id(client, administrator, team):
    MembershipFactory(user=administrator, team=team, role=Role.TEAM_LEADER)
    elsewhere = YouthFactory(first_name="Ailleurs", nickname="Secret")
    force_login_verified(client, administrator)
    html = client.get(reverse("admin:activity_intervention_add") + f"?youth={elsewhere.pk}").content.decode()
    assert "Ailleurs" not in html and "Secret" not in html
    search = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "activity", "model_name": "intervention", "field_name": "youth", "term": "Ail"},
    )
    assert "Ailleurs" not in search.content.decode()


def test_admin_filters_name_only_the_organisations_own_teams(client, administrator, team):
    MembershipFactory(user=administrator, team=team, role=Role.TEAM_LEADER)
    TeamFactory(organisation=OrganisationFactory(name="Autre association"), name="Équipe voisine")
    YouthFactory(team=TeamFactory(name="Équipe d'à côté"))
    force_login_verified(client, administrator)
    for url in (
        reverse("admin:youths_youth_changelist"),
        reverse("admin:activity_intervention_changelist"),
        reverse("admin:access_membership_changelist"),
        reverse("admin:organisations_commune_changelist"),
    ):
        html = client.get(url).content.decode()
        assert "Équipe voisine" not in html and "Équipe d&#x27;à côté" not in html, url


def test_the_migration_takes_is_staff_away_from_every_role_but_administrators(team):
    migration = importlib.import_module("carnet.access.migrations.0005_staff_flag_for_administrators_only")
    staff = {
        role: MembershipFactory(
            team=team if role in (Role.EDUCATOR, Role.TEAM_LEADER) else None,
            organisation=team.organisation,
            role=role,
            user__is_staff=True,
        ).user
        for role in Role.values
    }
    root = User.objects.create_superuser("racine", password=PASSWORD)
    migration.staff_flag_from_role(django_apps, None)
    flags = {role: User.objects.get(pk=user.pk).is_staff for role, user in staff.items()}
    assert flags == {role: role == Role.ADMIN for role in Role.values}
    assert User.objects.get(pk=root.pk).is_staff


def test_an_administrator_resets_a_lost_second_factor_and_the_log_names_them(client, administrator, team):
    educator = MembershipFactory(team=team, role=Role.EDUCATOR).user
    confirmed_device_for(educator)
    force_login_verified(client, administrator)
    client.post(
        reverse("admin:access_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [educator.pk]},
    )
    assert not TOTPDevice.objects.filter(user=educator).exists()
    event = AuditEvent.objects.get(target_label=f"double authentification de {educator.username}")
    assert event.user == administrator
