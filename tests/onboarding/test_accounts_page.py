import pytest
from django.utils import timezone

from carnet.access.models import Membership, Role
from carnet.onboarding.models import Invitation
from carnet.onboarding.services import account_invite
from tests import factories
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client, organisation):
    user = factories.MembershipFactory(team=None, organisation=organisation, role=Role.ADMIN).user
    force_login_verified(client, user)
    return user


def test_the_list_shows_the_organisations_accounts_with_their_roles_and_status(client, administrator, team):
    factories.MembershipFactory(
        team=team, role=Role.EDUCATOR, user__first_name="Karim", user__last_name="Haddad"
    )
    account_invite(organisation=team.organisation, first_name="Claire", role=Role.TEAM_LEADER, team=team)
    factories.MembershipFactory(user__first_name="Personne", user__last_name="D'ailleurs")

    page = client.get("/comptes/").content.decode()

    assert "Karim Haddad" in page and "Éducateur·rice — " + team.name in page
    assert "Claire" in page and "invitation en attente" in page
    assert "D&#x27;ailleurs" not in page


def test_an_account_of_another_organisation_is_not_found(client, administrator):
    stranger = factories.MembershipFactory().user

    assert client.get(f"/comptes/{stranger.pk}/").status_code == 404
    assert client.post(f"/comptes/{stranger.pk}/activation/", {"active": "0"}).status_code == 404


def test_changing_team_adds_the_new_role_and_ends_the_old_one(client, administrator, team):
    membership = factories.MembershipFactory(team=team, role=Role.EDUCATOR)
    other_team = factories.TeamFactory(organisation=team.organisation)
    user = membership.user

    client.post(f"/comptes/{user.pk}/", {"role": Role.EDUCATOR, "team": other_team.pk})
    client.post(f"/comptes/role/{membership.pk}/fin/")

    membership.refresh_from_db()
    assert membership.end_date == timezone.localdate()
    assert Membership.objects.get(user=user, end_date=None).team == other_team


def test_a_role_cannot_be_given_on_a_team_of_another_organisation(client, administrator, team):
    user = factories.MembershipFactory(team=team, role=Role.EDUCATOR).user
    elsewhere = factories.TeamFactory()

    client.post(f"/comptes/{user.pk}/", {"role": Role.TEAM_LEADER, "team": elsewhere.pk})

    assert not Membership.objects.filter(user=user, team=elsewhere).exists()


def test_a_deactivated_account_can_no_longer_sign_in_and_its_links_stop(client, administrator, team):
    issued = account_invite(
        organisation=team.organisation, first_name="Claire", role=Role.EDUCATOR, team=team
    )
    user = issued.invitation.user

    client.post(f"/comptes/{user.pk}/activation/", {"active": "0"})

    user.refresh_from_db()
    assert not user.is_active
    assert Invitation.objects.get(user=user).revoked_at is not None


def test_an_administrator_cannot_deactivate_themselves_or_end_their_own_administration(client, administrator):
    client.post(f"/comptes/{administrator.pk}/activation/", {"active": "0"})
    own = Membership.objects.get(user=administrator)
    response = client.post(f"/comptes/role/{own.pk}/fin/", follow=True)

    administrator.refresh_from_db()
    own.refresh_from_db()
    assert administrator.is_active and own.end_date is None
    assert "votre propre rôle" in response.content.decode()


def test_no_account_is_ever_made_staff_or_superuser(client, administrator, team):
    client.post("/comptes/", {"first_name": "Nadia", "role": Role.ADMIN})

    nadia = Membership.objects.get(user__first_name="Nadia").user
    assert not nadia.is_staff and not nadia.is_superuser


def test_a_new_link_can_be_given_to_an_invited_account(client, administrator, team):
    issued = account_invite(
        organisation=team.organisation, first_name="Claire", role=Role.EDUCATOR, team=team
    )

    response = client.post(f"/comptes/{issued.invitation.user.pk}/invitation/", follow=True)

    assert "les liens précédents ne marchent plus" in response.content.decode()
    assert Invitation.objects.filter(user=issued.invitation.user, revoked_at=None).count() == 1


def test_other_roles_cannot_open_the_accounts_screen(client, team):
    client.force_login(factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    assert client.get("/comptes/").status_code == 403
    assert client.get("/mise-en-route/").status_code == 403
