"""The import page asks what the dry run cannot decide: possible duplicates, changes of
recorded values, readings to confirm."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from carnet.access.models import Role
from carnet.youths.models import Youth
from tests import factories

from .conftest import csv_bytes

URL = reverse("imports:page")
HEADER = ["Prénom", "Sexe", "Date de naissance", "Commune"]


@pytest.fixture
def educator(client, team):
    user = factories.MembershipFactory(team=team, role=Role.EDUCATOR).user
    client.force_login(user)
    return user


@pytest.fixture
def celia(team, montigny):
    return factories.YouthFactory(
        team=team,
        commune=montigny,
        first_name="Célia",
        sex="F",
        birth_date=datetime.date(2009, 8, 28),
        birth_year=2009,
    )


def upload(client, team, rows, header=HEADER):
    return client.post(
        URL,
        {
            "action": "upload",
            "kind": "youths",
            "team": team.pk,
            "file": SimpleUploadedFile("jeunes.csv", csv_bytes([header, *rows])),
        },
    )


def post(client, response, action, **extra):
    data = {"token": response.context["token"], "action": action}
    for field in response.context["form"]:
        value = field.value()
        if value in (None, False, ""):
            continue
        data[field.name] = "on" if value is True else value
    return client.post(URL, data | extra)


def test_a_possible_duplicate_is_shown_beside_the_recorded_youth_and_answered_on_the_page(
    client, educator, team, celia
):
    response = upload(client, team, [["Célia", "F", "25/02/2009", "Montigny-en-Gohelle"]])
    page = response.content.decode()
    assert "Doublons possibles" in page and f"Jeune n° {celia.pk}" in page
    assert "28/08/2009" in page and "25/02/2009" in page
    assert 'value="import"' not in page  # nothing to import before the answer

    checked = post(client, response, "check", dup_2="new")
    assert checked.context["report"].ok and checked.context["report"].created == 1
    done = post(client, checked, "import")
    assert done.context["step"] == "done"
    assert Youth.objects.filter(first_name="Célia").count() == 2


def test_a_change_is_applied_only_when_its_box_is_ticked(client, educator, team, celia):
    celia.external_id = "C12"
    celia.save()
    header = ["N°", *HEADER]
    response = upload(client, team, [["C12", "Célia", "F", "25/02/2009", "Montigny-en-Gohelle"]], header)
    assert f"Célia (n° {celia.pk}) : date de naissance 28/08/2009 → 25/02/2009" in response.content.decode()
    done = post(client, response, "import")
    assert done.context["step"] == "done"
    celia.refresh_from_db()
    assert celia.birth_date == datetime.date(2009, 8, 28)

    response = upload(client, team, [["C12", "Célia", "F", "25/02/2009", "Montigny-en-Gohelle"]], header)
    checked = post(client, response, "check", chg_2_birth_date="on")
    assert checked.context["report"].changes[0].accepted
    post(client, checked, "import")
    celia.refresh_from_db()
    assert celia.birth_date == datetime.date(2009, 2, 25)


def test_a_reading_to_confirm_is_confirmed_with_its_select(client, educator, team, montigny):
    response = upload(client, team, [["Kim", "X", "", "Montigny-en-Gohelle"]])
    assert "à confirmer" in response.content.decode()
    field = next(name for name, _header, value in response.context["form"].value_fields if value == "X")
    checked = post(client, response, "check", **{field: "Non binaire"})
    assert checked.context["report"].ok
    post(client, checked, "import")
    assert Youth.objects.get().sex == "NB"
