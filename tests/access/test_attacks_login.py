"""Findings 2 and 15 of the security review: the lockout guarded only Carnet's sign-in page,
counted by address (behind the documented proxy, everyone shares the proxy's), and the audit
log recorded the proxy instead of the person."""

import pytest
from django.test import Client
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"
PASSWORD = "motdepasse-de-test"


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    settings.CARNET_TRUSTED_PROXIES = ["10.0.0.0/24"]


def _from(address: str, *, via_proxy: bool = True) -> Client:
    if via_proxy:
        return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    return Client(REMOTE_ADDR=address)


def _sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_an_attacker_behind_the_proxy_locks_out_neither_colleagues_nor_the_victim_elsewhere():
    UserFactory(username="camille")
    UserFactory(username="karim")
    attacker = _from("203.0.113.9")
    for _attempt in range(6):
        _sign_in(attacker, "camille", "mauvais")
    assert _sign_in(attacker, "camille").status_code == 429

    colleague = _from("198.51.100.7")
    _sign_in(colleague, "karim")
    assert "_auth_user_id" in colleague.session
    victim = _from("198.51.100.8")
    _sign_in(victim, "camille")
    assert "_auth_user_id" in victim.session


def test_the_locked_pair_cannot_sign_in_through_the_admins_form_either():
    UserFactory(username="camille")
    attacker = _from("203.0.113.9")
    for _attempt in range(5):
        _sign_in(attacker, "camille", "mauvais")
    attacker.post(reverse("admin:login"), {"username": "camille", "password": PASSWORD})
    assert "_auth_user_id" not in attacker.session
    response = _sign_in(attacker, "camille")
    assert response.status_code == 429 and "Trop de tentatives" in response.content.decode()


def test_the_audit_log_records_the_persons_address_not_the_proxys():
    UserFactory(username="camille")
    _sign_in(_from("203.0.113.9"), "camille", "mauvais")
    _sign_in(_from("198.51.100.7"), "camille")
    addresses = dict(AuditEvent.objects.values_list("action", "ip_address"))
    assert addresses == {AuditAction.LOGIN_FAILED: "203.0.113.9", AuditAction.LOGIN: "198.51.100.7"}


def test_a_forwarded_address_from_anyone_but_the_proxy_is_not_believed():
    UserFactory(username="camille")
    forger = Client(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _attempt in range(5):
        _sign_in(forger, "camille", "mauvais")
    assert set(AuditEvent.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    assert _sign_in(forger, "camille").status_code == 429
