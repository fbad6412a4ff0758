"""The load_demo command: one transaction, idempotent, and never mixed with real data.

It builds two teams of one organisation and a login for every role."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory

from carnet.access.models import Membership, Role, User
from carnet.activity.models import Intervention
from carnet.demo.catalogue import (
    ADMIN_GROUP_NAME,
    DEMO_ORGANISATION_NAME,
    DEMO_PASSWORD,
    DEMO_TEAM_NAME,
    DEMO_USERS,
    SECOND_TEAM_NAME,
)
from carnet.organisations.models import Funder, Organisation, Team
from carnet.referentials.models import Domain
from carnet.youths.models import Youth
from tests.factories import OrganisationFactory, UserFactory

# django-axes checks every authentication against the request it comes with.
SIGN_IN = RequestFactory().post("/connexion/")

pytestmark = pytest.mark.django_db


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def fingerprint() -> list:
    """What the data set holds, without database ids."""
    youths = list(
        Youth.objects.order_by("code").values_list(
            "code", "first_name", "sex", "birth_year", "birth_date", "first_contact_date", "origin__code"
        )
    )
    interventions = sorted(
        (i.youth.code, i.date, i.kind, i.note, tuple(sorted(d.code for d in i.domains.all())))
        for i in Intervention.objects.select_related("youth").prefetch_related("domains")
    )
    return [youths, interventions]


def test_loading_prints_a_summary_in_french():
    output = load_demo()
    assert "Jeu de démonstration chargé : « Association Rencontres et Loisirs », 2 équipes" in output
    assert (
        "- EMPS Montigny-en-Gohelle : 68 jeunes à Montigny-en-Gohelle, 40 jeunes à Hénin-Beaumont ;" in output
    )
    assert "- EMPS Liévin : 45 jeunes à Liévin ;" in output
    assert "demo_logins" in output


def test_loading_builds_the_seed_team_with_default_referentials():
    load_demo()
    organisation = Organisation.objects.get(name=DEMO_ORGANISATION_NAME)
    team = Team.objects.get(organisation=organisation, name=DEMO_TEAM_NAME)
    assert (team.name, team.short_name, str(team.start_date)) == (
        "EMPS Montigny-en-Gohelle",
        "EMPS",
        "2023-05-09",
    )
    assert sorted(team.communes.values_list("insee_code", flat=True)) == ["62427", "62587"]
    assert Domain.objects.filter(organisation=organisation).count() == 11


def test_loading_builds_a_second_team_of_the_same_organisation_with_its_own_commune():
    load_demo()
    organisation = Organisation.objects.get(name=DEMO_ORGANISATION_NAME)
    team = Team.objects.get(organisation=organisation, name=SECOND_TEAM_NAME)
    assert (team.short_name, str(team.start_date)) == ("EMPS Liévin", "2023-05-15")
    commune = team.communes.get()
    assert (commune.name, commune.insee_code) == ("Liévin", "62510")
    assert sorted(commune.quartiers.values_list("name", "is_qpv")) == [
        ("Calonne", True),
        ("Centre", False),
        ("Marichelles", True),
    ]
    assert organisation.teams.count() == 2


def test_the_funder_funds_both_teams():
    load_demo()
    organisation = Organisation.objects.get(name=DEMO_ORGANISATION_NAME)
    funder = Funder.objects.get(organisation=organisation, level="state")
    assert sorted(funder.teams.values_list("name", flat=True)) == [SECOND_TEAM_NAME, DEMO_TEAM_NAME]


def test_loading_twice_creates_nothing_twice():
    load_demo()
    before = row_counts()
    output = load_demo()
    assert "déjà chargé" in output
    assert row_counts() == before


def test_the_demo_is_the_same_on_every_load():
    with transaction.atomic():
        load_demo()
        first = fingerprint()
        transaction.set_rollback(True)
    assert not Organisation.objects.exists()
    load_demo()
    assert fingerprint() == first


def test_if_empty_does_nothing_when_an_organisation_exists():
    OrganisationFactory(name="Association du quartier")
    before = row_counts()
    output = load_demo("--if-empty")
    assert "n'est pas chargé" in output
    assert row_counts() == before


def test_if_empty_loads_into_an_empty_database():
    load_demo("--if-empty")
    assert Organisation.objects.filter(name=DEMO_ORGANISATION_NAME).exists()


def test_if_empty_says_the_demo_is_already_loaded_when_it_is():
    load_demo()
    before = row_counts()
    assert "déjà chargé" in load_demo("--if-empty")
    assert row_counts() == before


def test_every_demo_account_signs_in_with_the_demo_password():
    load_demo()
    # The password is hashed once for every account: checking one hash checks them all.
    assert authenticate(SIGN_IN, username="claire.lefebvre", password=DEMO_PASSWORD) is not None
    usernames = [spec.username for spec in DEMO_USERS]
    assert User.objects.filter(username__in=usernames).values("password").distinct().count() == 1
    for spec in DEMO_USERS:
        user = User.objects.get(username=spec.username)
        assert user.is_active and user.has_usable_password(), spec.username
        assert user.is_staff == spec.is_staff
        membership = Membership.objects.get(user=user)
        assert membership.role == spec.role
        assert (membership.team.name if membership.team else None) == spec.team


def test_there_is_a_login_for_every_role_and_a_team_login_in_each_team():
    load_demo()
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for team in Team.objects.all():
        assert set(team.memberships.values_list("role", flat=True)) == {Role.EDUCATOR, Role.TEAM_LEADER}


def test_director_funder_and_admin_memberships_cover_the_whole_organisation():
    load_demo()
    for role in (Role.DIRECTOR, Role.FUNDER_VIEWER, Role.ADMIN):
        assert Membership.objects.get(role=role).team is None
    assert not User.objects.get(username="anct.lecteur").is_staff
    assert not User.objects.filter(is_superuser=True).exists()


def test_the_admin_is_staff_but_not_superuser_and_manages_users_through_its_group():
    load_demo()
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert list(admin.groups.values_list("name", flat=True)) == [ADMIN_GROUP_NAME]
    assert admin.get_all_permissions() == {
        f"access.{action}_{model}" for action in ("add", "change", "view") for model in ("user", "membership")
    }
    assert not admin.has_perm("access.delete_user")
    assert not admin.has_perm("youths.view_youth")


def test_educators_are_referents_of_their_commune_from_their_start_date():
    load_demo()
    thomas = Membership.objects.get(user__username="thomas.normand")
    jerome = Membership.objects.get(user__username="jerome.chavatte")
    assert (str(thomas.start_date), str(jerome.start_date)) == ("2023-05-11", "2023-05-09")
    assert thomas.user.referent_of_communes.get().name == "Montigny-en-Gohelle"
    assert jerome.user.referent_of_communes.get().name == "Hénin-Beaumont"
    sophie = User.objects.get(username="sophie.delattre")
    assert sophie.referent_of_communes.get().name == "Liévin"
    assert not User.objects.get(username="karim.belkacem").referent_of_communes.exists()


def test_an_existing_account_with_a_demo_username_keeps_its_password():
    user = UserFactory(username="admin")
    user.set_password("mot-de-passe-a-garder")
    user.save()
    output = load_demo()
    assert "admin" in output.split("gardés tels quels")[1]
    assert authenticate(SIGN_IN, username="admin", password="mot-de-passe-a-garder") is not None
    assert Membership.objects.get(user__username="admin").role == Role.ADMIN
    assert User.objects.get(username="admin").groups.filter(name=ADMIN_GROUP_NAME).exists()


def test_an_existing_admin_group_is_reused():
    Group.objects.create(name=ADMIN_GROUP_NAME)
    load_demo()
    group = Group.objects.get(name=ADMIN_GROUP_NAME)
    assert group.permissions.count() == 6
    assert list(group.user_set.values_list("username", flat=True)) == ["admin"]
