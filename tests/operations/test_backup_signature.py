"""A backup changed after it was made, or signed with another installation's key, is refused
before anything is written. The same tests run on SQLite and on PostgreSQL."""

import zipfile

import pytest

from carnet.operations import signing
from carnet.operations.backup_checks import RestoreError, TamperedBackup
from carnet.operations.restore import restore

from .conftest import member_name, rewrite_backup
from .test_backup_and_restore import tables_with_rows

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_whose_youths_were_edited_after_it_was_made_is_refused_and_nothing_is_written(
    demo_backup, media_root, tmp_path
):
    name = member_name(demo_backup.path, "youths.youth")
    edited = rewrite_backup(
        demo_backup.path,
        tmp_path / "modifiée.zip",
        {name: lambda data: data.replace(b'"first_name": "', b'"first_name": "X', 1)},
        signed=False,
    )

    with pytest.raises(TamperedBackup) as refused:
        restore(edited)

    assert f"({name} n'est plus celui que le manifeste signé décrit)" in str(refused.value)
    assert tables_with_rows() == []


def test_a_backup_whose_manifest_was_edited_to_match_the_edited_youths_is_refused(
    demo_backup, media_root, tmp_path
):
    with zipfile.ZipFile(demo_backup.path) as zf:
        original_signature = zf.read(signing.SIGNATURE_NAME)
    name = member_name(demo_backup.path, "youths.youth")
    # The youths and their digest in the manifest changed: only the key could sign that manifest.
    edited = rewrite_backup(
        demo_backup.path,
        tmp_path / "modifiée.zip",
        {name: lambda data: data.replace(b'"first_name": "', b'"first_name": "X', 1)},
    )
    forged = rewrite_backup(
        edited,
        tmp_path / "contrefaite.zip",
        {signing.SIGNATURE_NAME: lambda _: original_signature},
        signed=False,
    )

    with pytest.raises(
        TamperedBackup, match="n'est pas signée par la clé de sauvegarde de cette installation"
    ):
        restore(forged)
    assert tables_with_rows() == []


def test_a_backup_without_its_signature_is_refused(demo_backup, media_root, tmp_path):
    unsigned = tmp_path / "sans-signature.zip"
    with zipfile.ZipFile(demo_backup.path) as original, zipfile.ZipFile(unsigned, "w") as copy:
        for info in original.infolist():
            if info.filename != signing.SIGNATURE_NAME:
                copy.writestr(info.filename, original.read(info))

    with pytest.raises(TamperedBackup):
        restore(unsigned)
    assert tables_with_rows() == []


def test_a_backup_signed_with_another_installations_key_is_refused(demo_backup, media_root, monkeypatch):
    monkeypatch.setenv("CARNET_BACKUP_KEY", "la clé d'une autre installation")

    with pytest.raises(TamperedBackup):
        restore(demo_backup.path)
    assert tables_with_rows() == []


def test_without_any_backup_key_restore_says_where_the_key_goes(demo_backup, media_root, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "nouvelle-installation"

    with pytest.raises(RestoreError) as refused:
        restore(demo_backup.path)

    assert "Aucune clé de sauvegarde sur cette installation" in str(refused.value)
    assert str(tmp_path / "nouvelle-installation" / "backup_key") in str(refused.value)


def test_the_key_is_kept_outside_the_backup(demo_backup):
    key = signing.backup_key(create=False)

    with zipfile.ZipFile(demo_backup.path) as zf:
        assert not any(key in zf.read(info) for info in zf.infolist())
    assert signing.key_path().stat().st_mode & 0o777 == 0o600
