"""Zip and XLSX bombs, oversized cells and foreign encodings: refused or read, never a crash."""

import resource
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from carnet.access.models import Role
from carnet.imports.package import import_package
from carnet.imports.reading import UnreadableFile, read_sheet
from tests import factories

from . import bombs
from .conftest import csv_bytes, xlsx_bytes

MB = 1024 * 1024


@pytest.fixture(scope="module")
def bomb_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    return {
        # As the review found them: a package expanding to 200 MB, a sheet of 300 MB.
        "zip": bombs.zip_bomb(folder / "equipe.zip", 200 * MB).read_bytes(),
        "xlsx": bombs.xlsx_bomb(folder / "jeunes.xlsx", 300 * MB).read_bytes(),
    }


def refused_quickly(read) -> str:
    """The French message of the refusal, checked to come within a second and 20 MB."""
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(UnreadableFile) as refusal:
        read()
    assert time.monotonic() - started < 1
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory < 20 * 1024  # kilobytes
    return str(refusal.value)


def test_a_zip_bomb_package_is_refused_before_it_expands(bomb_files, team):
    assert len(bomb_files["zip"]) < 1 * MB

    message = refused_quickly(
        lambda: import_package(content=bomb_files["zip"], filename="equipe.zip", team=team, dry_run=True)
    )

    assert message.startswith("Le fichier ZIP se décompresse en 200 Mo : Carnet lit 100 Mo au plus")


def test_an_xlsx_bomb_is_refused_before_its_sheet_is_read(bomb_files):
    assert len(bomb_files["xlsx"]) < 2 * MB

    message = refused_quickly(lambda: read_sheet(bomb_files["xlsx"], "jeunes.xlsx"))

    assert message.startswith("Le fichier XLSX se décompresse en 301 Mo : Carnet lit 100 Mo au plus")


def test_a_sheet_holding_a_row_a_million_lines_down_stops_at_the_row_limit_within_seconds(tmp_path):
    rows = [bombs.inline_row(2, ["J1", "Inès"]), bombs.inline_row(1_048_576, ["J2", "Sofiane"])]
    content = bombs.xlsx_with_sheet(tmp_path / "jeunes.xlsx", rows).read_bytes()
    started = time.monotonic()

    with pytest.raises(UnreadableFile) as refusal:
        read_sheet(content, "jeunes.xlsx")

    # The 200 000 empty rows before the limit are walked, not read as cells (6 s before).
    assert time.monotonic() - started < 3
    assert str(refusal.value) == (
        "Le tableau dépasse 200\u202f000 lignes (ligne 200\u202f001) : découpez-le (par exemple par année)."
    )


def test_a_sheet_wider_than_the_column_limit_is_refused():
    content = xlsx_bytes([["Identifiant", "Prénom"], ["J1", "Inès", *[""] * 200, "au loin"]])

    with pytest.raises(UnreadableFile) as refusal:
        read_sheet(content, "jeunes.xlsx")

    assert str(refusal.value) == "Ligne 2 : le tableau a plus de 100 colonnes, Carnet en lit 100 au plus."


def test_a_sheet_whose_formatting_reaches_far_right_is_read():
    content = xlsx_bytes([["Identifiant", "Prénom", *[None] * 300], ["J1", "Inès", *[None] * 300]])

    sheet = read_sheet(content, "jeunes.xlsx")

    assert sheet.headers == ["Identifiant", "Prénom"]
    assert [row.values for row in sheet.rows] == [("J1", "Inès")]


def test_a_csv_cell_beyond_a_spreadsheet_cell_is_refused_naming_where():
    content = csv_bytes([["Identifiant", "Prénom"], ["J1", "a" * 40_000]], encoding="utf-8")

    with pytest.raises(UnreadableFile) as refusal:
        read_sheet(content, "jeunes.csv")

    assert str(refusal.value) == (
        "Ligne 2, colonne 2 : la cellule dépasse 32\u202f767 caractères, la limite d'une cellule de tableur."
    )


def test_a_zip_of_hundreds_of_files_is_refused(tmp_path, team):
    import zipfile

    path = tmp_path / "equipe.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("jeunes.csv", "Identifiant;Prénom\r\n")
        for number in range(500):
            archive.writestr(f"vide-{number}.txt", "")

    with pytest.raises(UnreadableFile) as refusal:
        import_package(content=path.read_bytes(), filename="equipe.zip", team=team, dry_run=True)

    assert str(refusal.value) == "Le fichier ZIP contient 501 fichiers : Carnet en lit 200 au plus."


@pytest.fixture
def leader(client, team):
    user = factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    client.force_login(user)
    return user


def upload(client, team, name: str, content: bytes, kind: str = "youths"):
    file = SimpleUploadedFile(name, content)
    return client.post(
        reverse("imports:page"), {"action": "upload", "kind": kind, "team": team.pk, "file": file}
    )


def test_a_csv_cell_over_128_kb_is_refused_with_a_french_message(client, leader, team):
    content = csv_bytes([["Identifiant", "Prénom"], ["J1", "a" * 140_000]], encoding="utf-8")

    response = upload(client, team, "jeunes.csv", content)

    assert response.status_code == 200
    assert response.context["upload_form"].errors["file"] == [
        "Ligne 2 : une cellule dépasse 128 Ko ; "
        "une cellule de tableur tient en 32\u202f767 caractères au plus."
    ]


def test_a_zip_bomb_uploaded_on_the_page_is_refused_before_the_task_worker(client, leader, team, bomb_files):
    response = upload(client, team, "equipe.zip", bomb_files["zip"], kind="package")

    assert response.status_code == 200
    [message] = response.context["upload_form"].errors["file"]
    assert message.startswith("Le fichier ZIP se décompresse en 200 Mo")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_csv_as_excel_saves_unicode_text_is_read(encoding):
    content = "Identifiant\tPrénom\r\nJ1\tInès\r\n".encode(encoding)

    sheet = read_sheet(content, "jeunes.csv")

    assert sheet.headers == ["Identifiant", "Prénom"]
    assert [row.values for row in sheet.rows] == [("J1", "Inès")]
