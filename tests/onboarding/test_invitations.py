import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from carnet.access.models import AuditEvent, Role, User
from carnet.onboarding.models import Invitation
from carnet.onboarding.services import account_invite, invitation_issue
from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "une-phrase-de-passe-solide"


def invite(team, **fields) -> str:
    fields = {"first_name": "Claire", "last_name": "Dupont", "role": Role.TEAM_LEADER, "team": team, **fields}
    return account_invite(organisation=team.organisation, **fields).path


def accept(client, path, **extra):
    return client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD, **extra})


def test_an_invited_account_has_no_password_until_the_link_sets_one(client, team):
    path = invite(team)
    user = User.objects.get(username="claire.dupont")
    assert not user.has_usable_password()

    response = accept(client, path)

    assert response.status_code == 302 and response["Location"] == "/"
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert client.get("/").context["user"] == user


def test_the_link_is_refused_the_second_time(client, team):
    path = invite(team)
    accept(client, path)
    client.logout()

    response = accept(client, path)

    assert "Il a déjà servi" in response.content.decode()
    assert User.objects.get(username="claire.dupont").check_password(PASSWORD)


def test_the_link_expires_after_72_hours(client, team, monkeypatch):
    clock = [datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)]
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    path = invite(team)
    clock[0] = datetime.datetime(2026, 12, 6, 8, 59, tzinfo=datetime.UTC)
    assert "Bienvenue dans Carnet" in client.get(path).content.decode()

    clock[0] = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)
    response = accept(client, path)

    assert "Il a expiré (72 heures)" in response.content.decode()
    assert not User.objects.get(username="claire.dupont").has_usable_password()


def test_a_new_link_replaces_the_previous_one(client, team):
    old_path = invite(team)
    user = User.objects.get(username="claire.dupont")

    new_path = invitation_issue(user=user, organisation=team.organisation).path

    assert "a été remplacé" in accept(client, old_path).content.decode()
    assert accept(client, new_path).status_code == 302


def test_an_unknown_link_says_so(client, db):
    assert "Ce lien est inconnu" in client.get("/invitation/pas-un-vrai-lien/").content.decode()


def test_only_a_digest_of_the_link_is_stored(team):
    path = invite(team)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token_digest__contains=token).exists()


def test_creating_and_using_an_invitation_are_audited(client, team):
    admin = factories.MembershipFactory(team=None, organisation=team.organisation, role=Role.ADMIN).user
    path = account_invite(
        organisation=team.organisation, first_name="Claire", role=Role.EDUCATOR, team=team, invited_by=admin
    ).path
    accept(client, path)

    events = AuditEvent.objects.filter(target_type="onboarding.invitation").order_by("at", "id")
    assert [(e.action, e.username) for e in events] == [("create", admin.username), ("update", "claire")]
    assert events[1].changes["utilisée"] is True


def test_where_the_role_needs_a_second_factor_the_link_enrols_it(client, team):
    team.organisation.require_two_factor = True
    team.organisation.save()
    path = invite(team)
    page = client.get(path).content.decode()
    assert "Scannez ce code" in page
    device = TOTPDevice.objects.get(user__username="claire.dupont", confirmed=False)

    refused = accept(client, path, code="000000")
    assert "Code incorrect" in refused.content.decode()
    assert not User.objects.get(username="claire.dupont").has_usable_password()

    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = accept(client, path, code=code)

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # Signed in with the second factor: the pages of the team open without asking for a code.
    assert client.get("/jeunes/").status_code == 200


def test_the_link_is_mailed_when_a_mail_server_is_configured(
    team, settings, django_capture_on_commit_callbacks
):
    settings.CARNET_INVITATIONS_BY_MAIL = True
    settings.CARNET_BASE_URL = "https://carnet.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        issued = account_invite(
            organisation=team.organisation,
            first_name="Claire",
            email="claire@example.org",
            role=Role.EDUCATOR,
            team=team,
        )

    assert issued.mailed
    assert mail.outbox[0].to == ["claire@example.org"]
    assert f"https://carnet.example.org{issued.path}" in mail.outbox[0].body


def test_without_a_mail_server_nothing_is_mailed(team):
    issued = account_invite(
        organisation=team.organisation,
        first_name="Claire",
        email="claire@example.org",
        role=Role.EDUCATOR,
        team=team,
    )
    assert not issued.mailed and mail.outbox == []
