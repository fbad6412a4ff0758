"""No overwrite without consent: a recorded value changes only where the user accepts, and the
audit log keeps every change an import made."""

import datetime
import json

import pytest
from django.core.management import call_command

from carnet.access.models import AuditAction, AuditEvent
from carnet.activity.models import Intervention
from carnet.activity.services import intervention_update
from carnet.editing.versions import EditConflict
from carnet.imports.columns import ImportKind
from carnet.imports.review import Decisions
from carnet.imports.services import import_file
from carnet.youths.models import Youth
from carnet.youths.services import youth_update
from tests.factories import UserFactory, YouthFactory

from .conftest import csv_bytes

HEADER = ["N°", "Prénom", "Date de naissance", "Commune", "Origine"]


def run(team, rows, *, decisions=None, dry_run=False):
    return import_file(
        team=team,
        kind=ImportKind.YOUTHS,
        content=csv_bytes([HEADER, *rows]),
        filename="jeunes.csv",
        dry_run=dry_run,
        decisions=decisions,
    )


def test_a_changed_birth_date_is_listed_and_not_applied_without_acceptance(team, montigny):
    run(team, [["C12", "Célia", "28/08/2009", "Montigny-en-Gohelle", ""]])
    youth = Youth.objects.get()
    report = run(team, [["C12", "Célia", "25/02/2009", "Montigny-en-Gohelle", "Partenaire"]])
    assert report.written and report.updated == 1  # the empty origin is filled without asking
    assert [str(change) for change in report.changes] == [
        f"Célia (n° {youth.pk}) : date de naissance 28/08/2009 → 25/02/2009"
    ]
    assert not report.changes[0].accepted
    assert "(non appliquée)" in "\n".join(report.lines())
    youth.refresh_from_db()
    assert youth.birth_date == datetime.date(2009, 8, 28) and youth.origin.code == "partenaire"


def test_an_accepted_change_is_applied_and_written_to_the_audit_log(team, montigny):
    run(team, [["C12", "Célia", "28/08/2009", "Montigny-en-Gohelle", "Partenaire"]])
    youth = Youth.objects.get()
    rows = [["C12", "Célia", "25/02/2009", "Montigny-en-Gohelle", "Présence sociale"]]
    report = run(team, rows, decisions=Decisions(accepted={2: ["birth_date"]}))
    assert [change.accepted for change in report.changes] == [True, False]
    youth.refresh_from_db()
    assert youth.birth_date == datetime.date(2009, 2, 25) and youth.origin.code == "partenaire"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, target_type="youths.youth")
    assert event.target_id == str(youth.pk)
    # An identifying value never enters the log: the change is recorded, not the dates.
    assert event.changes == {"birth_date": ["modifié", "modifié"]}


def test_a_change_of_birth_year_accepted_drops_the_date_of_another_year(team, montigny):
    run(team, [["C12", "Célia", "28/08/2009", "Montigny-en-Gohelle", ""]])
    report = run(
        team, [["C12", "Célia", "2010", "Montigny-en-Gohelle", ""]], decisions=Decisions(accept_all=True)
    )
    assert [str(change).split(" : ")[1] for change in report.changes] == ["année de naissance 2009 → 2010"]
    youth = Youth.objects.get()
    assert (youth.birth_year, youth.birth_date) == (2010, None)


def test_the_command_accepts_every_change_with_a_flag_or_by_row_in_a_decisions_file(team, montigny, tmp_path):
    run(team, [["C12", "Célia", "28/08/2009", "", ""], ["C13", "Inès", "03/04/2008", "", ""]])
    path = tmp_path / "jeunes.csv"
    path.write_bytes(
        csv_bytes([HEADER, ["C12", "Célia", "25/02/2009", "", ""], ["C13", "Inès", "04/04/2008", "", ""]])
    )
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps({"modifications": {"3": "toutes"}}))
    call_command(
        "import", str(path), kind="youths", team=team.name, decisions=str(decisions), no_progress=True
    )
    assert Youth.objects.get(external_id="C12").birth_date == datetime.date(2009, 8, 28)
    assert Youth.objects.get(external_id="C13").birth_date == datetime.date(2008, 4, 4)

    call_command("import", str(path), kind="youths", team=team.name, accept_changes=True, no_progress=True)
    assert Youth.objects.get(external_id="C12").birth_date == datetime.date(2009, 2, 25)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, target_type="youths.youth").count() == 2


def test_a_youths_file_opened_before_an_import_that_changed_it_is_refused_not_saved_over_it(team, montigny):
    run(team, [["C12", "Célia", "28/08/2009", "Montigny-en-Gohelle", ""]])
    youth = Youth.objects.get()
    opened_at = youth.version  # an educator opens Célia's file

    run(
        team,
        [["C12", "Célia", "25/02/2009", "Montigny-en-Gohelle", ""]],
        decisions=Decisions(accept_all=True),
    )

    with pytest.raises(EditConflict):
        youth_update(youth=youth, user=UserFactory(), version=opened_at, nickname="Cé")
    youth.refresh_from_db()
    assert youth.version == opened_at + 1 and youth.birth_date == datetime.date(2009, 2, 25)


def test_an_intervention_opened_before_an_import_that_corrected_it_is_refused(team, montigny):
    header = ["Identifiant de la fiche", "Identifiant du jeune", "Date", "Domaines"]
    YouthFactory(team=team, commune=montigny, external_id="J1")
    first = import_file(
        team=team,
        kind=ImportKind.INTERVENTIONS,
        content=csv_bytes([header, ["I-1", "J1", "02/05/2023", "Scolarité"]]),
        filename="interventions.csv",
        dry_run=False,
    )
    assert first.written
    intervention = Intervention.objects.get()
    opened_at = intervention.version  # an educator opens the intervention

    report = import_file(
        team=team,
        kind=ImportKind.INTERVENTIONS,
        content=csv_bytes([header, ["I-1", "J1", "03/05/2023", "Scolarité"]]),
        filename="interventions.csv",
        dry_run=False,
        decisions=Decisions(accept_all=True),
    )

    assert report.updated == 1, "\n".join(report.lines())
    intervention.refresh_from_db()
    assert intervention.version == opened_at + 1
    with pytest.raises(EditConflict):
        intervention_update(intervention=intervention, version=opened_at, note="vu au collège")
