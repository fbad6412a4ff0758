"""Backing up a whole Carnet database into one file (``bin/carnet backup -o FILE``).

The file is a zip archive:

- ``manifest.json``: the format and its version, the date, the database vendor, the
  migrations of every app (the latest one and the full list), and for every table its data
  file and its row count; the uploaded files with their sizes;
- ``data/NNN-app.model.jsonl``: one file per table, many-to-many link tables and the audit
  log included, parents before children, in Django's JSON Lines serialization (one row a
  line, the form ``dumpdata --format jsonl`` writes);
- ``media/…``: the files uploaded under MEDIA_ROOT (funders' logos);
- ``LISEZMOI.txt``: a few words for whoever finds the file.

Why this format rather than the database's own (sqlite3's backup API, ``pg_dump``):

- one format for both databases: a backup of a SQLite installation restores into
  PostgreSQL and back, which is also the way to move an installation from one to the other;
- nothing to install beyond Carnet itself (no ``pg_dump`` matching the server's version);
- it is read with the standard library anywhere (zip, JSON), years later, and by a person:
  the manifest says what the file holds before anything is restored;
- it streams: rows are written table by table through a database cursor, then read back
  line by line, so memory stays bounded whatever the size of the database; zip checks every
  member with a CRC, and the row counts of the manifest catch a file cut short;
- ids are kept, so the audit log's references to records stay true (only content types and
  permissions, which ``migrate`` creates with ids of its own, go by natural keys).

The price is speed (every row goes through Django) and a schema tie: a backup restores into
a database at the same migrations, which the manifest lets ``restore`` check.

Consistency: all the tables are read inside one read-only transaction — REPEATABLE READ on
PostgreSQL, a deferred read transaction on SQLite, which in WAL mode sees one snapshot and
does not block the application's writes. Uploaded files are copied after the rows.

The file holds personal data: it is created readable by its owner only (mode 600) and
written under a temporary name, renamed once complete. It is signed (``signing``): the
manifest gives every member's SHA-256, ``signature.txt`` the manifest's HMAC under a key
kept outside the backup, checked by ``restore`` before anything is written.
"""

import contextlib
import hashlib
import io
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model

from . import archive, signing

PROGRESS_EVERY = 50_000  # rows between two progress lines inside one table


class BackupError(Exception):
    """A backup that cannot be made; the message is in French, for the operator."""


@dataclass
class BackupOutcome:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)  # model label → rows
    labels: dict[str, str] = field(default_factory=dict)  # model label → French kind
    media_files: int = 0
    size: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        lines = [
            f"Sauvegarde écrite dans {self.path} "
            f"({archive.megabytes(self.size)}, {archive.seconds(self.seconds)}) : "
            f"{archive.totals(self.rows, self.media_files)}."
        ]
        lines += archive.count_lines(self.labels, self.counts)
        return "\n".join(lines)


def backup(
    destination: Path | str,
    *,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[str], None] | None = None,
) -> BackupOutcome:
    """Write the whole database and the uploaded files into ``destination`` (a zip file)."""
    started = time.monotonic()
    say = progress or (lambda message: None)
    destination = Path(destination)
    connection = connections[using]
    schema = archive.schema_state(connection)
    if schema.pending or schema.unknown:
        raise BackupError(_schema_mismatch_message(schema))
    if destination.is_dir():
        raise BackupError(f"{destination} est un dossier : donnez le nom du fichier à écrire.")
    if not destination.parent.is_dir():
        raise BackupError(f"Le dossier {destination.parent} n'existe pas : la sauvegarde n'est pas écrite.")

    outcome = BackupOutcome(path=destination)
    created_at = archive.now_iso()
    key = signing.backup_key(create=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".partiel", dir=destination.parent
    )
    os.close(handle)
    temporary = Path(temporary)
    try:
        os.chmod(temporary, 0o600)
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            tables = []
            with _snapshot(connection):
                for index, model in enumerate(archive.backed_up_models(using), start=1):
                    label = model._meta.label_lower
                    name = f"{archive.DATA_DIR}{index:03d}-{label}.jsonl"
                    count, digest = _write_table(zf, name, model, using=using, say=say)
                    tables.append({"model": label, "file": name, "count": count, "sha256": digest})
                    outcome.counts[label] = count
                    outcome.labels[label] = archive.kind_label(model)
            media = _write_media(zf, Path(settings.MEDIA_ROOT), say=say)
            outcome.media_files = len(media)
            manifest = {
                "format": archive.FORMAT,
                "format_version": archive.FORMAT_VERSION,
                "created_at": created_at,
                "database_vendor": connection.vendor,
                "django_version": django.get_version(),
                "migrations": schema.latest,
                "applied_migrations": schema.applied,
                "tables": tables,
                "media": media,
            }
            written = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            zf.writestr(archive.MANIFEST_NAME, written)
            zf.writestr(signing.SIGNATURE_NAME, signing.sign(written, key))
            zf.writestr(archive.README_NAME, _readme(manifest, outcome))
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    outcome.size = destination.stat().st_size
    outcome.seconds = time.monotonic() - started
    return outcome


@contextlib.contextmanager
def _snapshot(connection) -> Iterator[None]:
    """One read-only transaction over all the tables: every row as of one moment."""
    if connection.in_atomic_block:  # the caller's transaction (a test) is already one snapshot
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        # Carnet opens write transactions (BEGIN IMMEDIATE), which would hold off the
        # application's writes for the whole backup; a deferred one only reads.
        mode = connection.transaction_mode
        connection.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic(using=connection.alias):
                yield
        finally:
            connection.transaction_mode = mode
        return
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _write_table(zf: zipfile.ZipFile, name: str, model: type[Model], *, using: str, say) -> tuple[int, str]:
    """Rows written, and the SHA-256 of the member."""
    label = model._meta.label_lower
    natural = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.many_to_one and archive.uses_natural_keys(f.related_model)
    ]
    related = natural + [f"{n}__content_type" for n in natural if _is_permission_fk(model, n)]
    if label == "auth.permission":
        related.append("content_type")
    rows = model._base_manager.using(using).order_by("pk").select_related(*related)
    count = 0

    def counted() -> Iterator[Model]:
        nonlocal count
        for row in rows.iterator(chunk_size=2000):
            count += 1
            if count % PROGRESS_EVERY == 0:
                say(f"  {label} : {archive.number(count)} lignes…")
            yield row

    member = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o600 << 16
    hashing = signing.HashingWriter(zf.open(member, "w", force_zip64=True))
    with io.TextIOWrapper(io.BufferedWriter(hashing), encoding="utf-8", newline="\n") as text:
        archive.Serializer().serialize(
            counted(),
            stream=text,
            cls=archive.Encoder,
            use_natural_primary_keys=archive.uses_natural_keys(model),
        )
    if count:
        say(f"Sauvegardé : {label} ({archive.number(count)})")
    return count, hashing.digest.hexdigest()


def _is_permission_fk(model: type[Model], field_name: str) -> bool:
    return model._meta.get_field(field_name).related_model._meta.label_lower == "auth.permission"


def _write_media(zf: zipfile.ZipFile, root: Path, *, say) -> list[dict]:
    if not root.is_dir():
        return []
    files = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(root).as_posix()
        zf.write(path, archive.MEDIA_DIR + relative)
        with path.open("rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
        files.append({"path": relative, "size": path.stat().st_size, "sha256": digest})
    if files:
        say(f"Sauvegardé : {archive.number(len(files))} fichier(s) téléversé(s)")
    return files


def _schema_mismatch_message(schema: archive.SchemaState) -> str:
    if schema.pending:
        return (
            "La base de données n'est pas à jour : migration(s) non appliquée(s) "
            f"{archive.listing(schema.pending)}. Sauvegardez avec la version de Carnet qui correspond à "
            "la base (avant la mise à jour du code), ou lancez d'abord « bin/carnet migrate »."
        )
    return (
        "La base de données a des migrations que ce code de Carnet ne connaît pas : "
        f"{archive.listing(schema.unknown)}. "
        "Sauvegardez avec la version de Carnet qui a migré cette base."
    )


def _readme(manifest: dict, outcome: BackupOutcome) -> str:
    return (
        "Sauvegarde complète d'une base Carnet.\n\n"
        f"Faite le {manifest['created_at']} (base {manifest['database_vendor']}) : "
        f"{archive.totals(outcome.rows, outcome.media_files)}.\n"
        "Elle contient des données personnelles : conservez-la chiffrée, en lieu sûr.\n\n"
        "Pour la restaurer dans une base vide et migrée :  bin/carnet restore CE_FICHIER\n"
        "Contenu : manifest.json (description), data/ (une table par fichier, JSON Lines de "
        "Django), media/ (fichiers téléversés).\n"
    )
