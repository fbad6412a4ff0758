"""Territorial diagnostics per quartier: Carnet's screens, the needs, the shared PDF, and the
actions linked to a need counted « après étude de besoin »."""

import datetime
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carnet.activity.diagnostic_services import diagnostic_save, needs_from_text
from carnet.activity.models import DiagnosticNeed, TerritorialDiagnostic
from carnet.activity.services import collective_action_create
from carnet.referentials.models import ActionType
from carnet.reports.build import build_report
from carnet.reports.rules import keys, members
from carnet.reports.scope import ReportScope
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def diagnostic(quartier, **fields):
    values = {"team": quartier.commune.team, "quartier": quartier, "date": D(2023, 3, 14)}
    return diagnostic_save(**(values | fields))


def test_needs_are_typed_one_per_line_without_bullets():
    assert needs_from_text("- Lieu pour les 16-18 ans\n\n• Accès aux droits \n") == [
        "Lieu pour les 16-18 ans",
        "Accès aux droits",
    ]


def test_a_need_reworded_elsewhere_keeps_the_links_of_the_needs_left_unchanged(quartier, team):
    first = diagnostic(quartier, needs=["Lieu pour les 16-18 ans", "Accès aux droits"])
    kept = first.needs.get(label="Accès aux droits")
    action = factories.CollectiveActionFactory(team=team)
    action.needs.add(kept)
    diagnostic(quartier, diagnostic=first, version=first.version, needs=["Accès aux droits", "Mobilité"])
    assert list(first.needs.values_list("label", flat=True)) == ["Accès aux droits", "Mobilité"]
    assert list(action.needs.all()) == [kept]


def test_a_quartier_of_another_team_and_a_repeated_need_are_refused_in_french(quartier, team):
    elsewhere = factories.QuartierFactory()
    with pytest.raises(ValidationError, match="pas couvert par l'équipe"):
        diagnostic(elsewhere, team=team)
    with pytest.raises(ValidationError, match="écrit deux fois"):
        diagnostic(quartier, needs=["Mobilité", "Mobilité"])
    assert not TerritorialDiagnostic.objects.exists()


def test_an_action_linked_to_a_need_counts_as_carried_out_after_a_needs_study(quartier, team):
    need = diagnostic(quartier, needs=["Lieu pour les 16-18 ans"]).needs.get()
    atelier = factories.referential(ActionType, team.organisation, "atelier")
    linked = collective_action_create(
        team=team, action_type=atelier, title="Local ados", start_date=D(2023, 6, 1), needs=[need]
    )
    flagged = collective_action_create(
        team=team, action_type=atelier, title="Sortie", start_date=D(2023, 6, 2), after_needs_study=True
    )
    both = collective_action_create(
        team=team,
        action_type=atelier,
        title="Forum",
        start_date=D(2023, 6, 3),
        after_needs_study=True,
        needs=[need],
    )
    collective_action_create(team=team, action_type=atelier, title="Foot", start_date=D(2023, 6, 4))
    scope = ReportScope(team=team, start=D(2023, 1, 1), end=D(2023, 12, 31))
    general = build_report(scope=scope).table(keys.GENERAL_ACTION)
    assert general.value(keys.AFTER_NEEDS_STUDY, keys.COUNT) == 3
    counted = members(scope=scope, table=keys.GENERAL_ACTION, row=keys.AFTER_NEEDS_STUDY, column=keys.COUNT)
    assert set(counted) == {linked, flagged, both}


def test_a_need_of_another_teams_diagnostic_cannot_be_linked(team):
    foreign = DiagnosticNeed.objects.create(
        diagnostic=factories.TerritorialDiagnosticFactory(), label="Mobilité"
    )
    atelier = factories.referential(ActionType, team.organisation, "atelier")
    with pytest.raises(ValidationError, match="autre équipe"):
        collective_action_create(
            team=team, action_type=atelier, title="X", start_date=D(2023, 6, 1), needs=[foreign]
        )


def test_the_report_counts_diagnostics_per_quartier_in_the_period(quartier, team, commune):
    other = factories.QuartierFactory(commune=commune, name="Bas Noyelles")
    diagnostic(quartier, date=D(2023, 3, 14))
    diagnostic(quartier, date=D(2023, 11, 2))
    diagnostic(other, date=D(2023, 5, 1))
    diagnostic(other, date=D(2022, 12, 31))
    scope = ReportScope(team=team, start=D(2023, 1, 1), end=D(2023, 12, 31))
    table = build_report(scope=scope).table(keys.DIAGNOSTICS)
    rows = {row.label: row.value(keys.COUNT) for row in table.rows}
    assert rows == {f"Bas Noyelles ({commune.name})": 1, f"Cité Bruno ({commune.name})": 2}
    assert table.total.value(keys.COUNT) == 3
    row = next(row.key for row in table.rows if row.label.startswith("Bas Noyelles"))
    assert members(scope=scope, table=keys.DIAGNOSTICS, row=row, column=keys.COUNT).count() == 1


def test_an_educator_records_a_diagnostic_on_carnets_screens(educator_client, quartier):
    partner = factories.PartnerFactory(organisation=quartier.commune.team.organisation, name="Centre social")
    data = {
        "quartier": quartier.pk,
        "date": "2023-03-14",
        "partners": [partner.pk],
        "summary": "Regroupements en soirée près du city stade.",
        "needs": "Lieu pour les 16-18 ans\nAccès aux droits",
        "resources": "Centre social, club de foot",
    }
    response = educator_client.post(reverse("activity:diagnostic_create"), data)
    assert response.status_code == 302
    saved = TerritorialDiagnostic.objects.get()
    assert list(saved.needs.values_list("label", flat=True)) == [
        "Lieu pour les 16-18 ans",
        "Accès aux droits",
    ]
    listing = educator_client.get(reverse("activity:diagnostic_list")).content.decode()
    assert "Cité Bruno" in listing and "Accès aux droits" in listing and "Centre social" in listing
    form = educator_client.get(reverse("activity:diagnostic_update", args=[saved.pk])).content.decode()
    assert "Lieu pour les 16-18 ans\nAccès aux droits" in form


def test_the_shared_pdf_holds_the_diagnostic_and_no_personal_data(educator_client, quartier, team, educator):
    youth = factories.YouthFactory(commune=quartier.commune, first_name="Inès")
    shared = diagnostic(quartier, summary="Regroupements en soirée.", needs=["Mobilité"])
    action = factories.CollectiveActionFactory(team=team, title="Atelier mobilité")
    action.needs.add(shared.needs.get())
    action.participants.add(youth)
    action.educators.add(educator)
    response = educator_client.get(reverse("activity:diagnostic_pdf", args=[shared.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    assert "Cité Bruno" in text and "Mobilité" in text and "Regroupements en soirée." in text
    assert "Inès" not in text and "Sam" not in text


def test_a_diagnostic_of_another_team_is_not_found(educator_client):
    other = factories.TerritorialDiagnosticFactory()
    assert educator_client.get(reverse("activity:diagnostic_update", args=[other.pk])).status_code == 404
    assert educator_client.get(reverse("activity:diagnostic_pdf", args=[other.pk])).status_code == 404


def test_the_diagnostic_list_takes_the_same_number_of_queries_for_2_and_12_diagnostics(
    educator_client, quartier, team
):
    def count():
        with CaptureQueriesContext(connection) as context:
            educator_client.get(reverse("activity:diagnostic_list"))
        return len(context.captured_queries)

    partner = factories.PartnerFactory(organisation=team.organisation)
    for n in range(2):
        diagnostic(quartier, date=D(2023, 1, 1 + n), needs=["Mobilité", "Emploi"], partners=[partner])
    count()
    few = count()
    for n in range(10):
        diagnostic(quartier, date=D(2023, 2, 1 + n), needs=["Mobilité", "Emploi"], partners=[partner])
    assert count() == few
