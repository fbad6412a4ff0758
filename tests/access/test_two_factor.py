"""TOTP two-factor authentication, mandatory where the organisation demands it."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from carnet.access.models import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": "motdepasse-de-test"})


@pytest.fixture(autouse=True)
def _no_throttling_between_attempts(settings):
    # django-otp makes a user wait after a wrong code; these tests retry at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def educator(team):
    team.organisation.require_two_factor = True
    team.organisation.save()
    return MembershipFactory(team=team, role=Role.EDUCATOR).user


def test_organisation_demanding_it_sends_an_educator_to_set_it_up(client, educator):
    _login(client, educator)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("access:two_factor_setup")


def test_setting_up_with_a_right_code_opens_carnet(client, educator):
    _login(client, educator)
    page = client.get(reverse("access:two_factor_setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=educator)
    client.post(
        reverse("access:two_factor_setup"), {"code": "000000" if _code(device) != "000000" else "111111"}
    )
    assert client.get(reverse("home")).status_code == 302
    client.post(reverse("access:two_factor_setup"), {"code": _code(device)})
    assert client.get(reverse("home")).status_code == 200


def test_next_login_asks_for_the_code(client, educator):
    TOTPDevice.objects.create(user=educator, confirmed=True, name="téléphone")
    _login(client, educator)
    response = client.get(reverse("reports:issued_list"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("access:two_factor_verify")
    )
    wrong = client.post(reverse("access:two_factor_verify"), {"code": "12"})
    assert "Code incorrect" in wrong.content.decode()
    device = TOTPDevice.objects.get(user=educator)
    client.post(reverse("access:two_factor_verify"), {"code": _code(device)})
    assert client.get(reverse("home")).status_code == 200


def test_roles_without_personal_data_are_not_forced(client, team):
    team.organisation.require_two_factor = True
    team.organisation.save()
    funder = MembershipFactory(team=None, organisation=team.organisation, role=Role.FUNDER_VIEWER).user
    _login(client, funder)
    assert client.get(reverse("home")).status_code == 200
