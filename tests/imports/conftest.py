import io

import openpyxl
import pytest

from tests import factories
from tests.imports.whole_team import build_whole_team


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files and background jobs stay in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def montigny(team):
    commune = factories.CommuneFactory(team=team, name="Montigny-en-Gohelle", insee_code="62587")
    factories.QuartierFactory(commune=commune, name="Cité 10")
    return commune


@pytest.fixture
def henin(team):
    return factories.CommuneFactory(team=team, name="Hénin-Beaumont")


def csv_bytes(rows: list[list[str]], *, separator: str = ";", encoding: str = "cp1252") -> bytes:
    """A CSV as office software writes it (Windows line ends)."""
    return "\r\n".join(separator.join(row) for row in rows).encode(encoding) + b"\r\n"


def xlsx_bytes(rows: list[list], *, merges: tuple[str, ...] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for area in merges:
        sheet.merge_cells(area)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def kept(team):
    """A team with one record of every kind, the links between them included."""
    return build_whole_team(team)
