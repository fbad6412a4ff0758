"""Activity records keep an identity across imports; an action's days and missing title."""

import datetime

from carnet.access.models import AuditAction, AuditEvent
from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.imports.columns import ImportKind
from carnet.imports.export import team_rows
from carnet.imports.review import Decisions
from carnet.imports.services import import_file
from carnet.referentials.models import PresenceKind
from tests import factories

from .conftest import csv_bytes


def run(team, kind, rows, *, decisions=None, dry_run=False):
    return import_file(
        team=team, kind=kind, content=csv_bytes(rows), filename="f.csv", dry_run=dry_run, decisions=decisions
    )


def test_a_corrected_intervention_row_updates_its_record_through_its_identifier(team, montigny):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    header = ["Identifiant de la fiche", "Identifiant du jeune", "Date", "Domaines", "Note"]
    run(team, ImportKind.INTERVENTIONS, [header, ["I-7", "J1", "15/06/2023", "Scolarité", "RDV CIO"]])
    intervention = Intervention.objects.get()
    assert intervention.external_id == "I-7"

    corrected = [header, ["I-7", "J1", "16/06/2023", "Scolarité | Famille", "RDV CIO"]]
    report = run(team, ImportKind.INTERVENTIONS, corrected)
    assert (report.created, report.updated) == (0, 0)
    assert [str(change) for change in report.changes] == [
        "intervention I-7 : date 15/06/2023 → 16/06/2023",
        "intervention I-7 : domaines Scolarité → Famille, Scolarité",
    ]

    report = run(team, ImportKind.INTERVENTIONS, corrected, decisions=Decisions(accept_all=True))
    assert (report.created, report.updated) == (0, 1)
    intervention = Intervention.objects.get()
    assert intervention.date == datetime.date(2023, 6, 16)
    assert {domain.code for domain in intervention.domains.all()} == {"scolarite", "famille"}
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, target_type="activity.intervention")
    assert event.changes["date"] == ["2023-06-15", "2023-06-16"]


def test_the_exported_identifier_finds_a_record_recorded_without_one(team, montigny):
    kind = factories.referential(PresenceKind, team.organisation, "rue")
    session = PresenceSession.objects.create(
        team=team, date=datetime.date(2023, 5, 2), kind=kind, duration_minutes=90, commune=montigny
    )
    (row,) = list(team_rows(team=team, kind=ImportKind.PRESENCES))
    assert row[0] == f"carnet-{session.pk}"
    header = ["Identifiant de la fiche", "Date", "Type", "Durée (minutes)", "Commune"]
    report = run(
        team,
        ImportKind.PRESENCES,
        [header, [row[0], "02/05/2023", kind.label, "120", "Montigny-en-Gohelle"]],
        decisions=Decisions(accept_all=True),
    )
    assert (report.created, report.updated) == (0, 1), report.lines()
    assert PresenceSession.objects.get().duration_minutes == 120


def test_an_action_with_a_number_of_days_ends_that_many_days_later(team, montigny):
    header = ["Type", "Intitulé", "Date de début", "Nombre de jours"]
    report = run(team, ImportKind.ACTIONS, [header, ["Séjour", "Séjour montagne", "10/07/2023", "3"]])
    assert report.created == 1, report.lines()
    action = CollectiveAction.objects.get()
    assert (action.end_date, action.days) == (datetime.date(2023, 7, 12), 3)
    assert [str(item) for item in report.interpretations] == [
        "colonne « Nombre de jours » : « 3 » → date de fin (début + jours − 1) : 1 ligne(s)"
    ]


def test_days_that_contradict_the_end_date_are_refused(team, montigny):
    header = ["Type", "Intitulé", "Date de début", "Date de fin", "Jours"]
    report = run(team, ImportKind.ACTIONS, [header, ["Séjour", "Séjour", "10/07/2023", "11/07/2023", "3"]])
    assert [(error.row, error.column) for error in report.errors] == [(2, "Jours")]


def test_an_action_without_title_is_named_after_its_type_and_day_as_the_dry_run_says(team, montigny):
    header = ["Type", "Intitulé", "Date de début"]
    report = run(team, ImportKind.ACTIONS, [header, ["Sortie", "", "12/03/2024"]])
    assert report.created == 1, report.lines()
    assert CollectiveAction.objects.get().title == "Sortie du 12/03/2024"
    assert [str(item) for item in report.interpretations] == [
        "colonne « Intitulé » : « (vide) » → intitulé fait du type et de la date : 1 ligne(s)"
    ]


def test_two_rows_with_one_identifier_are_refused(team, montigny):
    header = ["Identifiant", "Date", "Type", "Durée (minutes)"]
    report = run(
        team,
        ImportKind.PRESENCES,
        [header, ["P1", "02/05/2023", "rue", "60"], ["P1", "03/05/2023", "rue", "60"]],
    )
    assert [str(error) for error in report.errors] == [
        "ligne 3, colonne « Identifiant » : « P1 » — même identifiant que la ligne 2"
    ]
