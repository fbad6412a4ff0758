"""Writes: the triggers that record every change, the reports kept, and their forgetting."""

import hashlib
import pickle
from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.db import connection, transaction
from django.utils.translation import get_language

from .models import DataChange, DataVersion, KeptReport
from .queries import data_version, keeping_enabled, kept_payload, reports_database

T = TypeVar("T")

# The apps whose tables a report reads: their every table, links between records included;
# the derived facts too (``rebuild-facts`` writes only them).
WATCHED_APPS = ("organisations", "referentials", "youths", "activity", "reports", "privacy", "facts")
# Changes counted before the base takes them over (one short DELETE now and then).
COMPACT_AFTER = 1000
TRIGGER = "carnet_data_changed"


def kept(*, key: tuple, make: Callable[[], T]) -> T:
    """What ``make`` gives, kept under ``key`` (everything it depends on besides the records:
    scope, options, model...) for the data as they are: a later call made before any write
    commits gets it without making it again. Without keeping (SQLite), ``make()``."""
    if not keeping_enabled():
        return make()
    # The version and the value are read where the records are: a replica behind the primary
    # gives its own, older version, under which it builds and keeps.
    using = reports_database()
    version, pending = data_version(using=using)
    digest = hashlib.sha256(repr((key, get_language())).encode()).hexdigest()
    value = kept_payload(key=digest, version=version, using=using)
    if value is not None:
        return value
    value = make()
    _keep(digest, version, value)
    if pending > COMPACT_AFTER:
        compact_changes()
    return value


def _keep(digest: str, version: int, value) -> None:
    table = connection.ops.quote_name(KeptReport._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        # The reports of an older version will not be asked for again: they go now.
        cursor.execute(f"DELETE FROM {table} WHERE version < %s", [version])
        cursor.execute(
            f"INSERT INTO {table} (key, version, payload) VALUES (%s, %s, %s) "
            "ON CONFLICT (key) DO UPDATE SET version = EXCLUDED.version, payload = EXCLUDED.payload "
            f"WHERE {table}.version < EXCLUDED.version",
            [digest, version, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)],
        )


def compact_changes() -> None:
    """Fold the changes recorded into the base, in one statement: a reader sees either both
    before or both after, so the version it reads does not move."""
    changes = connection.ops.quote_name(DataChange._meta.db_table)
    versions = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH moved AS (DELETE FROM {changes} RETURNING 1) "
            f"UPDATE {versions} SET base = base + (SELECT COUNT(*) FROM moved) WHERE id = 1"
        )


def forget_kept_reports() -> None:
    """Drop every kept report, now and again once the write commits: after a youth is erased
    or anonymised no copy of their name may stay, not even one kept by a request that read
    the records before the write committed (the next reports are built anew)."""
    if keeping_enabled():
        _drop_kept_reports()
        transaction.on_commit(_drop_kept_reports)


def _drop_kept_reports() -> None:
    KeptReport.objects.all()._raw_delete(KeptReport.objects.db)


def watched_tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for label in WATCHED_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        }
    )


def watch_the_records(**kwargs) -> None:
    """Install the trigger that records each write statement on every watched table (a table
    added by a later migration gets it at that migration), and drop the kept reports."""
    if not keeping_enabled():
        return
    existing = set(connection.introspection.table_names())
    changes = connection.ops.quote_name(DataChange._meta.db_table)
    with connection.cursor() as cursor:
        if DataChange._meta.db_table not in existing:
            return
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN INSERT INTO {changes} DEFAULT VALUES; RETURN NULL; END $$"
        )
        for table in watched_tables():
            if table in existing:
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                    f"ON {connection.ops.quote_name(table)} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
                )
        DataVersion.objects.get_or_create(pk=1)
    _drop_kept_reports()
