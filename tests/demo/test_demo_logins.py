"""The demo_logins command, which `make run` prints for whoever tries Carnet."""

from io import StringIO

import pytest
from django.core.management import call_command

from carnet.access.models import Role
from carnet.demo.catalogue import DEMO_PASSWORD, DEMO_USERS

pytestmark = pytest.mark.django_db


def demo_logins() -> str:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    return out.getvalue()


def test_demo_logins_lists_every_demo_user_with_the_password():
    call_command("load_demo", stdout=StringIO())
    header, *lines = demo_logins().splitlines()
    assert DEMO_PASSWORD in header
    # One line per login, in the catalogue's order, saying what the login lets one try.
    assert [line.split()[0] for line in lines] == [spec.username for spec in DEMO_USERS]
    for spec, line in zip(DEMO_USERS, lines, strict=True):
        assert line.endswith(f" : {spec.description}"), line
    assert {spec.role for spec in DEMO_USERS} == set(Role)


def test_demo_logins_say_the_role_the_team_and_what_to_try():
    call_command("load_demo", stdout=StringIO())
    lines = {line.split()[0]: " ".join(line.split()[1:]) for line in demo_logins().splitlines()[1:]}
    assert lines["claire.lefebvre"] == (
        "Chef·fe de service — EMPS Montigny-en-Gohelle : bilans, référentiels, toutes les fiches de l'équipe"
    )
    assert lines["julien.carpentier"].startswith("Chef·fe de service — EMPS Liévin : ")
    assert lines["thomas.normand"].startswith("Éducateur·rice — EMPS Montigny-en-Gohelle : ")
    assert lines["sophie.delattre"].startswith("Éducateur·rice — EMPS Liévin : ")
    assert lines["marc.dubois"].startswith(
        "Directeur·rice — Association Rencontres et Loisirs (toutes équipes) : "
    )
    assert lines["anct.lecteur"].startswith(
        "Financeur (lecture des bilans) — Association Rencontres et Loisirs"
    )
    assert lines["admin"].startswith(
        "Administrateur·rice — Association Rencontres et Loisirs (toutes équipes) : "
    )


def test_demo_logins_only_says_the_demo_is_not_loaded_when_it_is_not():
    output = demo_logins()
    assert "non chargé" in output
    assert DEMO_PASSWORD not in output
