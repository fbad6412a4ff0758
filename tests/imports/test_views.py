import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from carnet.access.models import Role
from carnet.referentials.models import Origin
from carnet.youths.models import Youth
from tests import factories

from .conftest import csv_bytes

URL = reverse("imports:page")
HEADER = ["N°", "Prénom", "Sexe", "Né(e) le", "Commune", "Remarque"]
GOOD = [
    ["J1", "Inès", "Fille", "03/04/2008", "Montigny-en-Gohelle", ""],
    ["J2", "Yanis", "Garçon", "05/06/2007", "Montigny-en-Gohelle", ""],
]


@pytest.fixture
def educator(client, team):
    user = factories.MembershipFactory(team=team, role=Role.EDUCATOR).user
    client.force_login(user)
    return user


def upload(client, team, rows, *, kind="youths"):
    content = csv_bytes([HEADER, *rows])
    return client.post(
        URL,
        {
            "action": "upload",
            "kind": kind,
            "team": team.pk,
            "file": SimpleUploadedFile("jeunes.csv", content),
        },
    )


def token_of(response):
    return response.context["token"]


def follow_up(client, response, action, **extra):
    form = response.context["form"]
    data = {"token": token_of(response), "action": action}
    data |= {name: field.value() or "" for name, field in ((f.name, f) for f in form)}
    data |= extra
    return client.post(URL, data)


def test_the_page_offers_the_upload_form_to_an_educator(client, educator, team):
    response = client.get(URL)
    assert response.status_code == 200
    assert team.name in response.content.decode()


def test_an_upload_proposes_the_mapping_of_each_column(client, educator, team, montigny):
    response = upload(client, team, GOOD)
    assert response.status_code == 200
    form = response.context["form"]
    proposed = {field.label: field.value() for field in form if field.name.startswith("col_")}
    assert proposed["N°"] == "external_id"
    assert proposed["Né(e) le"] == "birth_date"
    assert proposed["Remarque"] == ""
    assert "Correspondance des colonnes" in response.content.decode()


def test_a_dry_run_lists_the_bad_rows_and_writes_nothing(client, educator, team, montigny):
    response = upload(client, team, [*GOOD, ["J3", "Sam", "Peut-être", "31/02/2008", "Paris", ""]])
    report = response.context["report"]
    assert {(error.row, error.column) for error in report.errors} == {
        (4, "Sexe"),
        (4, "Né(e) le"),
        (4, "Commune"),
    }
    assert report.created == 2
    page = response.content.decode()
    assert "Peut-être" in page and "31/02/2008" in page
    assert 'value="import"' not in page
    response = follow_up(client, response, "check")
    assert response.context["report"].errors
    assert not Youth.objects.exists()


def test_an_unknown_value_corrected_on_the_page_is_accepted(client, educator, team, montigny):
    response = upload(
        client, team, [*GOOD, ["J3", "Sam", "Peut-être", "03/04/2008", "Montigny-en-Gohelle", ""]]
    )
    assert [(header, value) for header, value, *_ in response.context["unknown_listing"]] == [
        ("Sexe", "Peut-être")
    ]
    response = follow_up(client, response, "check", val_0="Non binaire")
    assert response.context["report"].ok
    assert not Youth.objects.exists()


def test_an_import_writes_the_rows_and_a_second_import_creates_no_duplicate(client, educator, team, montigny):
    response = upload(client, team, GOOD)
    assert response.context["report"].ok
    response = follow_up(client, response, "import")
    assert response.context["step"] == "done"
    assert response.context["report"].created == 2
    assert Youth.objects.count() == 2

    response = follow_up(client, upload(client, team, GOOD), "import")
    assert response.context["report"].created == 0 and response.context["report"].unchanged == 2
    assert Youth.objects.count() == 2


def test_another_team_is_refused_by_the_form(client, educator, team, montigny):
    other = factories.TeamFactory(organisation=team.organisation)
    response = upload(client, other, GOOD)
    assert response.status_code == 200
    assert "team" in response.context["upload_form"].errors
    assert not Youth.objects.exists()


def test_a_funder_viewer_is_forbidden(client, team):
    viewer = factories.MembershipFactory(
        team=None, organisation=team.organisation, role=Role.FUNDER_VIEWER
    ).user
    client.force_login(viewer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"action": "upload"}).status_code == 403


def test_a_missing_required_column_is_reported_and_can_be_chosen_on_the_page(
    client, educator, team, montigny
):
    response = client.post(
        URL,
        {
            "action": "upload",
            "kind": "youths",
            "team": team.pk,
            "file": SimpleUploadedFile("jeunes.csv", csv_bytes([["N°", "Petit nom"], ["J1", "Inès"]])),
        },
    )
    assert response.context["report"] is None
    assert "Prénom" in response.context["problem"]
    response = follow_up(client, response, "check", col_1="first_name")
    assert response.context["report"].ok and response.context["report"].created == 1
    assert not Youth.objects.exists()


def test_a_team_leader_adds_an_unknown_origin_which_is_created_with_the_import_only(client, team, montigny):
    leader = factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    client.force_login(leader)
    header = ["N°", "Prénom", "Origine"]
    response = client.post(
        URL,
        {
            "action": "upload",
            "kind": "youths",
            "team": team.pk,
            "file": SimpleUploadedFile("jeunes.csv", csv_bytes([header, ["J1", "Inès", "Maraude"]])),
        },
    )
    field = next(name for name, _header, value in response.context["form"].value_fields if value == "Maraude")
    checked = follow_up(client, response, "check", **{field: "__ajouter__"})
    assert checked.context["report"].ok
    assert not Origin.objects.filter(label="Maraude").exists()  # a dry run keeps nothing

    done = follow_up(client, checked, "import")
    assert done.context["step"] == "done"
    assert Youth.objects.get(external_id="J1").origin.label == "Maraude"


def test_an_educator_may_not_add_to_the_referentials_from_an_import(client, educator, team, montigny):
    header = ["N°", "Prénom", "Origine"]
    response = client.post(
        URL,
        {
            "action": "upload",
            "kind": "youths",
            "team": team.pk,
            "file": SimpleUploadedFile("jeunes.csv", csv_bytes([header, ["J1", "Inès", "Maraude"]])),
        },
    )
    choices = [value for value, _label in response.context["form"].fields["val_0"].choices]
    assert "__ajouter__" not in choices and "tiers" in choices
