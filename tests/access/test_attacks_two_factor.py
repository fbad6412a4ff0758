"""Finding 1 of the security review: with a stolen password, an attacker tried to enrol their
own authenticator app in place of the victim's and so pass the second factor."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from carnet.access import two_factor
from carnet.access.models import AuditAction, AuditEvent, Role
from tests.factories import MembershipFactory, UserFactory, YouthFactory

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture(autouse=True)
def _no_throttling_between_attempts(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def victim(team):
    user = MembershipFactory(team=team, role=Role.EDUCATOR).user
    TOTPDevice.objects.create(user=user, confirmed=True, name="téléphone de la victime")
    return user


def _password_only(victim) -> Client:
    client = Client()
    client.post(reverse("login"), {"username": victim.username, "password": "motdepasse-de-test"})
    return client


def test_the_set_up_page_shows_no_new_secret_to_a_password_alone(victim):
    client = _password_only(victim)
    response = client.get(reverse("access:two_factor_setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:two_factor_verify"))
    assert not TOTPDevice.objects.filter(user=victim, confirmed=False).exists()


def test_a_code_of_an_attackers_device_neither_verifies_the_session_nor_replaces_the_victims(victim):
    youth = YouthFactory(team=victim.memberships.get().team)
    attacker_device = TOTPDevice.objects.create(user=victim, confirmed=False, name="pirate")
    client = _password_only(victim)
    client.post(reverse("access:two_factor_setup"), {"code": _code(attacker_device)})
    assert client.get(reverse("youths:detail", kwargs={"pk": youth.pk})).status_code == 302
    assert TOTPDevice.objects.get(user=victim, confirmed=True).name == "téléphone de la victime"


def test_confirming_a_device_without_a_verified_session_is_refused_by_the_service(victim, rf):
    request = rf.post("/")
    request.user = victim
    request.user.is_verified = lambda: False
    device = two_factor.pending_device(victim)
    with pytest.raises(two_factor.EnrolmentRefused):
        two_factor.confirm_device(request=request, device=device, code=_code(device))
    assert TOTPDevice.objects.filter(user=victim, confirmed=True).count() == 1


def test_a_verified_session_replaces_its_device_and_the_log_says_so(victim):
    client = _password_only(victim)
    old = TOTPDevice.objects.get(user=victim)
    client.post(reverse("access:two_factor_verify"), {"code": _code(old)})
    client.get(reverse("access:two_factor_setup"))
    new = TOTPDevice.objects.get(user=victim, confirmed=False)
    client.post(reverse("access:two_factor_setup"), {"code": _code(new)})
    assert list(TOTPDevice.objects.filter(user=victim, confirmed=True)) == [new]
    event = AuditEvent.objects.get(target_label=f"double authentification de {victim.username}")
    assert event.changes["appareil"] == "remplacé" and event.user == victim


def test_a_wrong_code_is_written_to_the_log(victim):
    client = _password_only(victim)
    client.post(reverse("access:two_factor_verify"), {"code": "000000"})
    client.post(reverse("access:two_factor_verify"), {"code": "111111"})
    failures = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, user=victim)
    assert failures.count() >= 1
    assert "code de double authentification" in failures.first().changes["raison"]


def test_an_administrators_reset_removes_the_device_and_is_logged(victim, team):
    administrator = UserFactory(username="admin-asso")
    assert two_factor.reset(user=victim, by=administrator) == 1
    assert not TOTPDevice.objects.filter(user=victim).exists()
    event = AuditEvent.objects.get(target_label=f"double authentification de {victim.username}")
    assert event.user == administrator and event.changes["appareil"] == "réinitialisé"
