"""The demo_logins command, which `make run` prints for whoever tries Carnet."""

from io import StringIO

import pytest
from django.core.management import call_command

from carnet.demo.catalogue import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.django_db


def demo_logins() -> str:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    return out.getvalue()


def test_demo_logins_lists_every_demo_user_with_the_password():
    call_command("load_demo", stdout=StringIO())
    output = demo_logins()
    assert DEMO_PASSWORD in output
    for spec in DEMO_USERS:
        assert spec.username in output
    assert "Éducateur·rice : référent de Montigny-en-Gohelle — EMPS Montigny-en-Gohelle" in output
    assert "Directeur·rice — Association Rencontres et Loisirs (toutes équipes)" in output


def test_demo_logins_only_says_the_demo_is_not_loaded_when_it_is_not():
    output = demo_logins()
    assert "non chargé" in output
    assert DEMO_PASSWORD not in output
