"""Reads: the data version, and a kept report."""

import pickle

from django.db import connection

from .models import DataChange, DataVersion, KeptReport


def keeping_enabled() -> bool:
    """Reports are kept on PostgreSQL only: its triggers run once per statement, so a bulk
    write costs one change; SQLite's run once per row (an import of 50,000 rows would insert
    as many), and an SQLite instance serves one team or a few, whose reports build fast."""
    return connection.vendor == "postgresql"


def data_version() -> tuple[int, int]:
    """The version of the data as this transaction sees it, and the number of changes not
    yet counted in the base (``compact_changes`` folds them in)."""
    changes = connection.ops.quote_name(DataChange._meta.db_table)
    versions = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        base = f"COALESCE((SELECT base FROM {versions} WHERE id = 1), 0)"
        cursor.execute(f"SELECT {base}, (SELECT COUNT(*) FROM {changes})")
        base, pending = cursor.fetchone()
    return base + pending, pending


def kept_payload(*, key: str, version: int):
    """The value kept under ``key`` for ``version`` of the data, or None."""
    payload = KeptReport.objects.filter(key=key, version=version).values_list("payload", flat=True).first()
    return None if payload is None else pickle.loads(bytes(payload))
