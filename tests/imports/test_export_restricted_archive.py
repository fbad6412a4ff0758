"""The restricted archive stays behind a team leader's export, leaves with a director's, and the
audit log, the export page, the command and the import say so."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from carnet.access.models import AuditAction, AuditEvent, Role
from carnet.imports.export import export_team, export_team_json
from carnet.imports.package import import_package
from carnet.imports.review import Decisions
from carnet.privacy.models import YouthArchive
from carnet.youths.models import (
    Youth,
)
from tests import factories
from tests.imports.whole_team import copy_document
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db

YEAR = (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))


def _archive(youth: Youth) -> None:
    YouthArchive.objects.create(
        youth=youth, last_contact=datetime.date(2023, 7, 10), archived_at=timezone.now()
    )


FILES_NAMING_YOUTHS = (
    "jeunes.csv",
    "actions-collectives.csv",
    "presences-sociales.csv",
    "objectifs-paei.csv",
)


def _exported_youths(archive: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(archive)) as content:
        return "".join(content.read(name).decode("utf-8-sig") for name in FILES_NAMING_YOUTHS)


def test_a_team_leaders_export_leaves_the_restricted_archive_behind_and_says_so_in_the_audit_log(kept):
    karim = Youth.objects.get(team=kept, code="K7")
    _archive(karim)
    leader = factories.MembershipFactory(team=kept, role=Role.TEAM_LEADER).user

    archive = export_team(team=kept, user=leader)
    document = json.loads(export_team_json(team=kept, user=leader))

    exported = _exported_youths(archive)
    assert "K7" not in exported and f"carnet-{karim.pk}" not in exported and "Inès" in exported
    assert [item["Code"] for item in document["jeunes"]] == [""]
    assert document["non_exportes"] == {"jeunes_en_archive_restreinte": 1}
    assert all(f"carnet-{karim.pk}" not in item["Jeunes connus"] for item in document["actions_collectives"])
    periods = [item["Identifiant du jeune"] for item in document["accompagnements"]]
    assert f"carnet-{karim.pk}" not in periods and periods
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, user=leader)
    assert exports.count() == 2
    assert {event.changes["archive restreinte"] for event in exports} == {"1 jeune(s) laissé(s) de côté"}
    ines = Youth.objects.get(team=kept, first_name="Inès")
    reads = AuditEvent.objects.filter(action=AuditAction.READ, user=leader, target_type="youths.youth")
    assert set(reads.values_list("target_id", flat=True)) == {str(ines.pk)}


def test_a_directors_export_takes_the_restricted_archive_with_it(kept):
    karim = Youth.objects.get(team=kept, code="K7")
    _archive(karim)
    director = factories.MembershipFactory(team=None, organisation=kept.organisation, role=Role.DIRECTOR).user

    exported = _exported_youths(export_team(team=kept, user=director))

    assert "K7" in exported and exported.count(f"carnet-{karim.pk}") >= 3
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, user=director)
    assert event.changes == {"archive restreinte": "comprise"}


def test_the_export_page_of_a_team_leader_leaves_the_restricted_archive_behind(client, kept):
    _archive(Youth.objects.get(team=kept, code="K7"))
    leader = factories.MembershipFactory(team=kept, role=Role.TEAM_LEADER).user
    force_login_verified(client, leader)

    response = client.get(reverse("imports:export"), {"team": kept.pk, "format": "zip"})

    assert response.status_code == 200
    assert "K7" not in _exported_youths(response.content)


def test_the_export_command_says_how_many_youths_of_the_restricted_archive_stay_behind(kept, tmp_path):
    _archive(Youth.objects.get(team=kept, code="K7"))
    leader = factories.MembershipFactory(team=kept, role=Role.TEAM_LEADER).user
    output = io.StringIO()

    call_command(
        "export",
        f"--team={kept.pk}",
        f"--output={tmp_path / 'e.zip'}",
        f"--as={leader.username}",
        stdout=output,
    )

    assert "1 jeune(s) de l'archive restreinte n'y figure(nt) pas" in output.getvalue()
    assert "K7" not in _exported_youths((tmp_path / "e.zip").read_bytes())


def test_an_import_logs_one_event_per_file_and_one_per_record_it_changed(kept):
    document = json.loads(copy_document(export_team_json(team=kept, user=None)))
    mark = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    import_package(content=json.dumps(document).encode(), filename="e.json", team=None, dry_run=False)
    for item in document["points_paei"]:
        item["Note factuelle"] = "Point fait au local"
    import_package(
        content=json.dumps(document).encode(),
        filename="e.json",
        team=None,
        dry_run=False,
        decisions=Decisions(accept_all=True),
    )

    events = AuditEvent.objects.filter(id__gt=mark)
    assert not events.filter(target_type__in=["youths.paeigoal", "youths.paeireview"]).exists()
    assert (
        events.filter(action=AuditAction.CREATE, target_label="Import points de PAEI : points_paei").count()
        == 2
    )
    changed = events.filter(action=AuditAction.UPDATE, target_type="youths.paeigoalreview")
    # One note changed (accepted), one filled where it was empty.
    assert sorted(event.changes["note"][0] for event in changed) == ["", "Rdv CPE"]


def test_an_import_of_a_team_leaders_export_says_the_restricted_archive_stayed_behind(kept):
    _archive(Youth.objects.get(team=kept, code="K7"))
    leader = factories.MembershipFactory(team=kept, role=Role.TEAM_LEADER).user

    report = import_package(
        content=copy_document(export_team_json(team=kept, user=leader)),
        filename="e.json",
        team=None,
        dry_run=True,
    )

    assert report.ok, report.lines()
    assert any("ne contient pas 1 jeune(s) de l'archive restreinte" in line for line in report.lines())
