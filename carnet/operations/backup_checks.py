"""What a backup file must be before a restore writes anything: a Carnet backup, readable,
signed by this installation's key, unchanged since, and of the database's migrations. Each
refusal is a French message for the operator (``RestoreError`` and its kinds)."""

import json
import zipfile
import zlib
from pathlib import Path

from django.core.serializers.base import DeserializationError

from . import archive, signing

UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError, DeserializationError, UnicodeDecodeError, ValueError)


class RestoreError(Exception):
    """A restore that did not happen; the message is in French, for the operator."""


class DamagedBackup(RestoreError):
    pass


class TamperedBackup(RestoreError):
    """Signed by another key, or changed since it was signed."""


def read_manifest(zf: zipfile.ZipFile, source: Path) -> dict:
    try:
        raw = zf.read(archive.MANIFEST_NAME)
    except KeyError as exc:
        raise DamagedBackup(
            f"{source} n'est pas une sauvegarde Carnet (pas de {archive.MANIFEST_NAME}) : "
            "rien n'a été restauré."
        ) from exc
    except UNREADABLE as exc:
        raise DamagedBackup(damaged(source, exc)) from exc
    try:
        manifest = json.loads(raw)
    except ValueError as exc:
        raise DamagedBackup(damaged(source, exc)) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != archive.FORMAT:
        raise DamagedBackup(f"{source} n'est pas une sauvegarde Carnet : rien n'a été restauré.")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise DamagedBackup(damaged(source, "version du format absente du manifeste"))
    if version > archive.FORMAT_VERSION:
        raise RestoreError(
            f"Cette sauvegarde est au format {version}, plus récent que celui que cette version de "
            f"Carnet sait lire ({archive.FORMAT_VERSION}) : mettez Carnet à jour, puis recommencez."
        )
    return manifest


def check_signature(zf: zipfile.ZipFile, source: Path) -> None:
    """The manifest must be signed with this installation's backup key (``signing``)."""
    key = signing.backup_key(create=False)
    if key is None:
        raise RestoreError(
            f"Aucune clé de sauvegarde sur cette installation ({signing.key_path()} ou "
            "CARNET_BACKUP_KEY) : copiez celle de l'installation qui a fait la sauvegarde, puis "
            "recommencez. Rien n'a été restauré."
        )
    try:
        signed = signing.is_signed(zf.read(archive.MANIFEST_NAME), zf.read(signing.SIGNATURE_NAME), key)
    except KeyError:
        signed = False
    except UNREADABLE as exc:
        raise DamagedBackup(damaged(source, exc)) from exc
    if not signed:
        raise TamperedBackup(
            f"La sauvegarde {source} n'est pas signée par la clé de sauvegarde de cette installation, "
            "ou elle a été modifiée depuis : rien n'a été restauré. Si elle vient d'une autre "
            "installation, copiez-en la clé (backup_key ou CARNET_BACKUP_KEY)."
        )


def check_digests(zf: zipfile.ZipFile, manifest: dict, source: Path, *, say) -> None:
    """Every table and file must be the one the signed manifest describes, byte for byte."""
    say("Vérification de la signature de chaque table et fichier…")
    members = [(entry.get("file"), entry.get("sha256")) for entry in manifest.get("tables") or []]
    members += [
        (archive.MEDIA_DIR + entry.get("path", ""), entry.get("sha256"))
        for entry in manifest.get("media") or []
    ]
    for name, expected in members:
        try:
            same = signing.member_digest(zf, name) == expected
        except UNREADABLE as exc:
            raise DamagedBackup(damaged(source, exc)) from exc
        if not same:
            raise TamperedBackup(
                f"La sauvegarde {source} a été modifiée après avoir été faite ({name} n'est plus celui "
                "que le manifeste signé décrit) : rien n'a été restauré."
            )


def check_schema(manifest: dict, connection) -> None:
    """The backup's migrations must be exactly the database's (and the code's)."""
    state = archive.schema_state(connection)
    if state.pending:
        raise RestoreError(
            "La base de données n'est pas à jour (migration(s) "
            f"{archive.listing(state.pending)} non appliquée(s)) : "
            "lancez « bin/carnet migrate », puis recommencez."
        )
    theirs = {
        f"{app_label}.{name}"
        for app_label, names in (manifest.get("applied_migrations") or {}).items()
        for name in names
    }
    ours = {f"{app_label}.{name}" for app_label, names in state.applied.items() for name in names}
    if not theirs:
        raise DamagedBackup(
            "Le manifeste de la sauvegarde ne dit pas ses migrations : rien n'a été restauré."
        )
    if missing := sorted(theirs - ours):
        raise RestoreError(
            "Cette sauvegarde a été faite par une version plus récente de Carnet : il manque ici "
            f"la migration {archive.listing(missing)}. Mettez Carnet à jour (au moins la version qui a fait "
            "la sauvegarde), lancez « bin/carnet migrate », puis recommencez. Rien n'a été restauré."
        )
    if newer := sorted(ours - theirs):
        raise RestoreError(
            "Cette sauvegarde a été faite par une version plus ancienne de Carnet : elle précède "
            f"la migration {archive.listing(newer)}. Restaurez-la avec la version de Carnet qui l'a faite, "
            "puis mettez Carnet à jour et lancez « bin/carnet migrate ». Rien n'a été restauré."
        )


def damaged(source: Path, reason: object) -> str:
    return (
        f"La sauvegarde {source} est illisible ou abîmée ({reason}) : "
        "rien n'a été restauré, la base de données est restée telle qu'elle était."
    )
