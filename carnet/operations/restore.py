"""Restoring a backup (``bin/carnet restore FILE``) into an empty, migrated database.

The file is checked before anything is written: it must be a Carnet backup (zip with a
manifest) signed with this installation's backup key, every member as the signed manifest
describes it (``signing``), of a format this code reads, made at the very migrations of this database — a
backup made by a newer Carnet is refused (its schema is unknown here), and so is one made by
an older Carnet (its rows would miss what later migrations changed: restore it with the
version that made it, then update Carnet and migrate).

Everything is then loaded in one transaction: the rows table by table, parents first, ids
kept, then PostgreSQL's sequences are moved past the restored ids. The zip's CRCs and the
manifest's row counts are checked on the way; any failure rolls the whole transaction back,
so the database is left as it was. The audit log's rows are inserted like any other:
its triggers only refuse updates and deletions. Uploaded files are unpacked into a staging
folder and moved under MEDIA_ROOT only once every row is in.

``force`` empties the database first (Django's ``flush``, in the same transaction).
"""

import datetime
import io
import os
import shutil
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import Model
from django.utils import timezone

from carnet.access import audit

from . import archive
from .backup_checks import (
    UNREADABLE,
    DamagedBackup,
    RestoreError,
    check_digests,
    check_schema,
    check_signature,
    damaged,
    read_manifest,
)

# Named first when the database is not empty.
FIRST_NAMED = ("organisations.organisation", "youths.youth")


@dataclass
class RestoreOutcome:
    manifest: dict
    counts: dict[str, int] = field(default_factory=dict)  # model label → rows
    labels: dict[str, str] = field(default_factory=dict)
    media_files: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        made = _local_date(self.manifest.get("created_at"))
        vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
            self.manifest.get("database_vendor"), self.manifest.get("database_vendor", "?")
        )
        lines = [
            f"Sauvegarde du {made} (base {vendor}) restaurée en {archive.seconds(self.seconds)} : "
            f"{archive.totals(self.rows, self.media_files)}."
        ]
        lines += archive.count_lines(self.labels, self.counts)
        return "\n".join(lines)


def restore(
    source: Path | str,
    *,
    force: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[str], None] | None = None,
) -> RestoreOutcome:
    started = time.monotonic()
    say = progress or (lambda message: None)
    source = Path(source)
    if not source.is_file():
        raise RestoreError(f"Le fichier {source} n'existe pas : rien n'a été restauré.")
    connection = connections[using]
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DamagedBackup(damaged(source, exc)) from exc
    with zf:
        manifest = read_manifest(zf, source)
        check_signature(zf, source)
        check_schema(manifest, connection)
        tables = _tables(manifest, zf, source)
        media = _media(manifest, zf, source)
        check_digests(zf, manifest, source, say=say)
        media_root = Path(settings.MEDIA_ROOT)
        _check_media_conflicts(zf, media, media_root, force=force)
        outcome = RestoreOutcome(manifest=manifest)
        moved: list[Path] = []
        staging: Path | None = None
        try:
            with transaction.atomic(using=using):
                if force:
                    say("Effacement de la base (--force)…")
                    call_command("flush", interactive=False, verbosity=0, database=using)
                else:
                    _check_empty(tables, using=using)
                with audit.changes_not_logged():
                    for model, entry in tables:
                        outcome.counts[entry["model"]] = _load_table(zf, model, entry, using=using, say=say)
                        outcome.labels[entry["model"]] = archive.kind_label(model)
                connection.check_constraints(table_names=[model._meta.db_table for model, _ in tables])
                _reset_sequences(connection, [model for model, _ in tables])
                if media:
                    media_root.parent.mkdir(parents=True, exist_ok=True)
                    staging = Path(tempfile.mkdtemp(prefix=".carnet-restauration-", dir=media_root.parent))
                    _unpack_media(zf, media, staging)
                    moved = _move_media(media, staging, media_root)
                    outcome.media_files = len(media)
        except UNREADABLE as exc:
            _remove(moved)
            raise DamagedBackup(damaged(source, exc)) from exc
        except DatabaseError as exc:
            _remove(moved)
            raise RestoreError(
                f"La restauration a échoué, la base de données est restée telle qu'elle était : {exc}"
            ) from exc
        except BaseException:
            _remove(moved)
            raise
        finally:
            # Flushing then rolling back gives content types other ids than the cache holds.
            ContentType.objects.clear_cache()
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
    outcome.seconds = time.monotonic() - started
    return outcome


def _tables(manifest: dict, zf: zipfile.ZipFile, source: Path) -> list[tuple[type[Model], dict]]:
    names = set(zf.namelist())
    tables = []
    for entry in manifest.get("tables") or []:
        try:
            model = apps.get_model(entry["model"])
            if entry["file"] not in names or not isinstance(entry["count"], int):
                raise LookupError(entry["file"])
        except (LookupError, KeyError, TypeError, ValueError) as exc:
            raise DamagedBackup(damaged(source, f"table {entry!r}")) from exc
        tables.append((model, entry))
    if not tables:
        raise DamagedBackup(damaged(source, "aucune table"))
    return tables


def _media(manifest: dict, zf: zipfile.ZipFile, source: Path) -> list[str]:
    names = set(zf.namelist())
    paths = []
    for entry in manifest.get("media") or []:
        relative = entry.get("path", "") if isinstance(entry, dict) else ""
        parts = PurePosixPath(relative).parts
        if not relative or relative.startswith("/") or ".." in parts or "\\" in relative:
            raise DamagedBackup(damaged(source, f"chemin de fichier refusé : {relative!r}"))
        if archive.MEDIA_DIR + relative not in names:
            raise DamagedBackup(damaged(source, f"fichier téléversé absent : {relative}"))
        paths.append(relative)
    return paths


def _check_media_conflicts(zf: zipfile.ZipFile, media: list[str], root: Path, *, force: bool) -> None:
    if force:
        return
    conflicts = [
        relative
        for relative in media
        if (root / relative).exists()
        and not _same_file(root / relative, zf.getinfo(archive.MEDIA_DIR + relative))
    ]
    if conflicts:
        raise RestoreError(
            f"Des fichiers téléversés différents existent déjà sous {root} : {archive.listing(conflicts)}. "
            "Déplacez-les, ou relancez avec --force pour les remplacer. Rien n'a été restauré."
        )


def _same_file(path: Path, info: zipfile.ZipInfo) -> bool:
    if not path.is_file() or path.stat().st_size != info.file_size:
        return False
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc == info.CRC


def _check_empty(tables: list[tuple[type[Model], dict]], *, using: str) -> None:
    """Every table the backup fills must be empty (content types and permissions aside)."""
    found = []
    for position, (model, _entry) in enumerate(tables):
        if archive.uses_natural_keys(model):
            continue
        count = model._base_manager.using(using).count()
        if count:
            # Organisations and youths first, the tables of links last.
            rank = (model._meta.label_lower not in FIRST_NAMED, bool(model._meta.auto_created), position)
            found.append((rank, f"{archive.kind_label(model)} : {archive.number(count)}"))
    if found:
        named = [text for _rank, text in sorted(found)]
        raise RestoreError(
            "La base de données n'est pas vide ("
            + ", ".join(named[:5])
            + (", …" if len(named) > 5 else "")
            + ") : une sauvegarde se restaure dans une base vide et migrée. Pour effacer cette base "
            "et la remplacer par la sauvegarde, relancez avec --force. Rien n'a été restauré."
        )


# --- Loading ---------------------------------------------------------------------------------
def _load_table(zf: zipfile.ZipFile, model: type[Model], entry: dict, *, using: str, say) -> int:
    natural = archive.uses_natural_keys(model)
    count = 0
    with io.TextIOWrapper(zf.open(entry["file"]), encoding="utf-8", newline="\n") as text:
        for row in serializers.deserialize("jsonl", text, using=using):
            if type(row.object) is not model:
                raise DeserializationError(f"{entry['file']} : une ligne de {row.object._meta.label_lower}")
            # Content types and permissions may be there already (migrate made them): saved
            # over, matched by natural key. Every other row is new: one INSERT.
            row.save(using=using, force_insert=not natural)
            count += 1
            if count % 50_000 == 0:
                say(f"  {entry['model']} : {archive.number(count)} / {archive.number(entry['count'])}…")
    if count != entry["count"]:
        raise DeserializationError(
            f"{entry['file']} : {count} ligne(s) au lieu des {entry['count']} annoncées par le manifeste"
        )
    if count:
        say(f"Restauré : {entry['model']} ({archive.number(count)})")
    return count


def _reset_sequences(connection, models: list[type[Model]]) -> None:
    """Move PostgreSQL's id sequences past the restored ids (nothing to do on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _unpack_media(zf: zipfile.ZipFile, media: list[str], staging: Path) -> None:
    for relative in media:
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(archive.MEDIA_DIR + relative) as packed, open(target, "wb") as unpacked:
            shutil.copyfileobj(packed, unpacked, 1 << 20)  # the CRC is checked at the end


def _move_media(media: list[str], staging: Path, root: Path) -> list[Path]:
    moved = []
    for relative in media:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and _same_content(target, staging / relative):
            continue
        os.replace(staging / relative, target)
        moved.append(target)
    return moved


def _same_content(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _local_date(value) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return "?"
    return timezone.localtime(moment).strftime("%d/%m/%Y à %H:%M")
