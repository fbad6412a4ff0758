"""Periods of one youth never overlap, enforced by the database itself.

PostgreSQL gets an exclusion constraint over date ranges (btree_gist, a trusted
extension since PostgreSQL 13); SQLite, which has none, gets triggers with the
same meaning. An open period (no end) runs to infinity.
"""

from django.db import migrations

TABLE = "youths_accompanimentperiod"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE {TABLE} ADD CONSTRAINT accompaniment_no_overlap
        EXCLUDE USING gist (youth_id WITH =, daterange(start, "end", '[]') WITH &&)""",
]
POSTGRES_BACKWARD = [f"ALTER TABLE {TABLE} DROP CONSTRAINT accompaniment_no_overlap"]

_SQLITE_OVERLAP = f"""
    SELECT 1 FROM {TABLE} AS other
    WHERE other.youth_id = NEW.youth_id {{same_row}}
      AND other.start <= COALESCE(NEW."end", '9999-12-31')
      AND NEW.start <= COALESCE(other."end", '9999-12-31')
"""
SQLITE_FORWARD = [
    f"""CREATE TRIGGER accompaniment_no_overlap_insert BEFORE INSERT ON {TABLE}
        WHEN EXISTS ({_SQLITE_OVERLAP.format(same_row="")})
        BEGIN SELECT RAISE(ABORT, 'accompaniment_no_overlap'); END""",
    f"""CREATE TRIGGER accompaniment_no_overlap_update BEFORE UPDATE ON {TABLE}
        WHEN EXISTS ({_SQLITE_OVERLAP.format(same_row="AND other.id <> NEW.id")})
        BEGIN SELECT RAISE(ABORT, 'accompaniment_no_overlap'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER accompaniment_no_overlap_insert",
    "DROP TRIGGER accompaniment_no_overlap_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("youths", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
