"""Backups are signed, so that a file changed after it was made is not restored.

The manifest lists the SHA-256 of every member (tables and uploaded files); ``signature.txt``
holds the HMAC-SHA256 of the manifest under the installation's backup key. The key is never
in a backup: it is ``CARNET_BACKUP_KEY``, or else the file ``backup_key`` of CARNET_VAR_DIR,
made at the first backup (mode 600). Restoring into another installation needs that key
(copy the file, or set the variable): without it, a backup cannot be told from a forgery.
"""

import hashlib
import hmac
import io
import os
import secrets
import zipfile
from pathlib import Path

from django.conf import settings

SIGNATURE_NAME = "signature.txt"


def key_path() -> Path:
    return Path(settings.VAR_DIR) / "backup_key"


def backup_key(*, create: bool) -> bytes | None:
    """The installation's key; made when ``create`` and missing, else None when missing."""
    if key := os.environ.get("CARNET_BACKUP_KEY"):
        return key.encode()
    path = key_path()
    if not path.exists():
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


def sign(manifest: bytes, key: bytes) -> str:
    return hmac.new(key, manifest, hashlib.sha256).hexdigest()


def is_signed(manifest: bytes, signature: bytes, key: bytes) -> bool:
    return hmac.compare_digest(sign(manifest, key).encode(), signature.strip())


def member_digest(zf: zipfile.ZipFile, name: str) -> str:
    """SHA-256 of a member as stored, read by chunks (a table runs to hundreds of megabytes)."""
    digest = hashlib.sha256()
    with zf.open(name) as member:
        while chunk := member.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class HashingWriter(io.RawIOBase):
    """Writes through to ``target`` and keeps the SHA-256 of what went through."""

    def __init__(self, target):
        super().__init__()
        self.target = target
        self.digest = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.digest.update(data)
        self.target.write(data)
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self.target.close()
        super().close()
