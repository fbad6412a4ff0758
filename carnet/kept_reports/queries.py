"""Reads: the data version, and a kept report."""

import pickle

from django.db import DEFAULT_DB_ALIAS, connection, connections, router

from carnet.youths.models import Youth

from .models import DataChange, DataVersion, KeptReport


def keeping_enabled() -> bool:
    """Reports are kept on PostgreSQL only: its triggers run once per statement, so a bulk
    write costs one change; SQLite's run once per row (an import of 50,000 rows would insert
    as many), and an SQLite instance serves one team or a few, whose reports build fast."""
    return connection.vendor == "postgresql"


def reports_database() -> str:
    """The database the report's records are read from now (a replica may serve them): the
    version must be read there, where the trigger's rows arrive with the records."""
    return router.db_for_read(Youth) or DEFAULT_DB_ALIAS


def data_version(*, using: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """The version of the data as this transaction sees it on ``using``, and the number of
    changes not yet counted in the base (``compact_changes`` folds them in)."""
    connection = connections[using]
    changes = connection.ops.quote_name(DataChange._meta.db_table)
    versions = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        base = f"COALESCE((SELECT base FROM {versions} WHERE id = 1), 0)"
        cursor.execute(f"SELECT {base}, (SELECT COUNT(*) FROM {changes})")
        base, pending = cursor.fetchone()
    return base + pending, pending


def kept_payload(*, key: str, version: int, using: str = DEFAULT_DB_ALIAS):
    """The value kept under ``key`` for ``version`` of the data, or None."""
    kept = KeptReport.objects.using(using).filter(key=key, version=version)
    payload = kept.values_list("payload", flat=True).first()
    return None if payload is None else pickle.loads(bytes(payload))
