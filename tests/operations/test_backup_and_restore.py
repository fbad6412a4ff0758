"""Backing up the demo and restoring it: every record comes back, or nothing is written.

The same tests run on SQLite and on PostgreSQL (scripts/with_postgres.py)."""

import hashlib
import json
import threading
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from carnet.access import audit
from carnet.access.models import AuditAction, AuditEvent
from carnet.activity.models import Intervention
from carnet.operations import archive
from carnet.operations.backup import BackupError, backup
from carnet.operations.backup_checks import DamagedBackup, RestoreError
from carnet.operations.restore import restore
from carnet.organisations.models import Organisation, Team
from carnet.youths.models import Youth

from .conftest import LOGO, audit_lines, member_name, rewrite_backup, table_snapshot, youth_record

pytestmark = pytest.mark.django_db(transaction=True)


def restore_command(path, *args) -> str:
    out = StringIO()
    call_command("restore", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def tables_with_rows() -> list[str]:
    """The tables holding rows, content types and permissions aside (migrate makes them)."""
    return [
        model._meta.label_lower
        for model in archive.backed_up_models()
        if not archive.uses_natural_keys(model) and model._base_manager.exists()
    ]


def test_a_restored_backup_gives_back_every_record_of_the_demo(demo_backup, media_root):
    assert tables_with_rows() == []

    output = restore_command(demo_backup.path)

    assert table_snapshot() == demo_backup.tables
    assert "restaurée" in output
    assert f"  - jeunes : {len(demo_backup.tables['youths.youth'])}" in output
    assert f"  - journal d'audit : {len(demo_backup.audit_lines)}" in output
    youth = Youth.objects.get(pk=demo_backup.youth["pk"])
    assert {"pk": youth.pk, **youth_record(youth)} == demo_backup.youth
    assert demo_backup.youth["situations"] and demo_backup.youth["periods"]
    intervention_pk, domains = demo_backup.intervention
    assert sorted(d.code for d in Intervention.objects.get(pk=intervention_pk).domains.all()) == domains
    assert audit_lines() == demo_backup.audit_lines
    assert (media_root / demo_backup.logo_name).read_bytes() == LOGO


def test_after_a_restore_new_records_get_new_ids_and_the_audit_log_stays_append_only(demo_backup, media_root):
    restore(demo_backup.path)
    last_event = max(line[0] for line in demo_backup.audit_lines)

    organisation = Organisation.objects.create(name="Une nouvelle association")
    Team.objects.create(organisation=organisation, name="Une nouvelle équipe")
    event = audit.record(action=AuditAction.CREATE, target_label="après la restauration")

    assert event.pk > last_event
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditevent SET username = 'quelqu''un'")


def test_restore_refuses_a_database_that_is_not_empty(demo_backup, media_root):
    restore(demo_backup.path)
    before = table_snapshot()

    with pytest.raises(CommandError) as refused:
        restore_command(demo_backup.path)

    message = str(refused.value)
    assert message.startswith("La base de données n'est pas vide (organisations : 1, jeunes : ")
    assert "relancez avec --force" in message
    assert table_snapshot() == before


def test_restore_with_force_empties_the_database_first(demo_backup, media_root):
    restore(demo_backup.path)
    Organisation.objects.create(name="Une association ajoutée depuis")
    audit.record(action=AuditAction.CREATE, target_label="ajout après la sauvegarde")

    restore_command(demo_backup.path, "--force")

    assert table_snapshot() == demo_backup.tables


def test_a_truncated_backup_is_refused_in_french_and_nothing_is_written(demo_backup, media_root, tmp_path):
    truncated = tmp_path / "tronquée.zip"
    data = demo_backup.path.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])

    with pytest.raises(DamagedBackup) as refused:
        restore(truncated)

    assert "est illisible ou abîmée" in str(refused.value)
    assert "rien n'a été restauré" in str(refused.value)
    assert tables_with_rows() == []


def test_a_backup_damaged_inside_is_refused_and_what_was_loaded_before_is_rolled_back(
    demo_backup, media_root, tmp_path
):
    # Bytes flipped in one of the last tables: the youths, loaded before it, must not stay.
    damaged = tmp_path / "abîmée.zip"
    data = bytearray(demo_backup.path.read_bytes())
    name = member_name(demo_backup.path, "activity.presencesession_known_youths")
    with zipfile.ZipFile(demo_backup.path) as zf:
        info = zf.getinfo(name)
    header = info.header_offset
    start = header + 30 + int.from_bytes(data[header + 26 : header + 28], "little")
    start += int.from_bytes(data[header + 28 : header + 30], "little")
    middle = start + info.compress_size // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    damaged.write_bytes(bytes(data))

    with pytest.raises(DamagedBackup) as refused:
        restore(damaged)

    assert "est illisible ou abîmée" in str(refused.value)
    assert tables_with_rows() == []
    assert not (media_root / demo_backup.logo_name).exists()


def test_a_backup_missing_rows_is_refused_and_nothing_is_written(demo_backup, media_root, tmp_path):
    name = member_name(demo_backup.path, "activity.intervention")
    shortened = rewrite_backup(
        demo_backup.path,
        tmp_path / "courte.zip",
        {name: lambda data: b"".join(data.splitlines(keepends=True)[:-1])},
    )

    with pytest.raises(DamagedBackup) as refused:
        restore(shortened)

    assert "ligne(s) au lieu des" in str(refused.value)
    assert tables_with_rows() == []


def test_a_backup_made_by_a_newer_carnet_is_refused_naming_the_missing_migration(
    demo_backup, media_root, tmp_path
):
    def from_the_future(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["applied_migrations"]["youths"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    newer = rewrite_backup(
        demo_backup.path, tmp_path / "future.zip", {archive.MANIFEST_NAME: from_the_future}
    )

    with pytest.raises(CommandError) as refused:
        restore_command(newer)

    assert "version plus récente de Carnet" in str(refused.value)
    assert "« youths.9999_from_the_future »" in str(refused.value)
    assert tables_with_rows() == []


def test_a_backup_made_by_an_older_carnet_is_refused_too(demo_backup, media_root, tmp_path):
    def from_the_past(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["applied_migrations"]["youths"].pop()
        return json.dumps(manifest).encode()

    older = rewrite_backup(demo_backup.path, tmp_path / "past.zip", {archive.MANIFEST_NAME: from_the_past})

    with pytest.raises(RestoreError) as refused:
        restore(older)

    assert "version plus ancienne de Carnet" in str(refused.value)
    assert tables_with_rows() == []


def test_a_zip_that_is_not_a_carnet_backup_is_refused(media_root, tmp_path):
    other = tmp_path / "autre.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("bonjour.txt", "rien à voir")

    with pytest.raises(DamagedBackup, match="n'est pas une sauvegarde Carnet"):
        restore(other)


def test_the_backup_file_describes_itself_and_is_readable_by_its_owner_only(demo_backup):
    with zipfile.ZipFile(demo_backup.path) as zf:
        manifest = json.loads(zf.read(archive.MANIFEST_NAME))
        assert zf.testzip() is None
    counts = {table["model"]: table["count"] for table in manifest["tables"]}

    assert manifest["format"] == "carnet-backup"
    assert manifest["format_version"] == 2
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["migrations"]["access"] == "0005_staff_flag_for_administrators_only"
    assert counts == {label: len(rows) for label, rows in demo_backup.tables.items()}
    assert manifest["media"] == [
        {"path": demo_backup.logo_name, "size": len(LOGO), "sha256": hashlib.sha256(LOGO).hexdigest()}
    ]
    assert demo_backup.path.stat().st_mode & 0o777 == 0o600


def test_a_backup_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(BackupError, match="n'existe pas"):
        backup(tmp_path / "absent" / "sauvegarde.zip")
    assert not AuditEvent.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the SQLite test database lives in memory, where a reader locks out writers; "
    "on a WAL file the backup's read transaction does not",
)
def test_the_backup_holds_the_database_as_it_was_when_the_backup_started(demo_backup, media_root, tmp_path):
    restore(demo_backup.path)
    written = []

    def write_meanwhile():
        audit.record(action=AuditAction.CREATE, target_label="pendant la sauvegarde")
        connection.close()  # this thread's own connection

    def progress(message: str) -> None:
        if not written:  # after the first table, while the backup's transaction is open
            thread = threading.Thread(target=write_meanwhile)
            thread.start()
            thread.join()
            written.append(message)

    outcome = backup(tmp_path / "pendant.zip", progress=progress)

    assert written
    assert AuditEvent.objects.count() == len(demo_backup.audit_lines) + 1
    assert outcome.counts["access.auditevent"] == len(demo_backup.audit_lines)
