"""The audit log is append-only, enforced by the database.

Lines are never updated. They are deleted only by the retention purge of old
lines (``carnet.access.audit.purge_allowed``), which opens the lock for its own
database session: a PostgreSQL setting on PostgreSQL, a SQL function that the
application registers on each SQLite connection (a connection without it, such
as the sqlite3 shell, cannot delete at all).
"""

from django.db import migrations

TABLE = "access_auditevent"

POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION carnet_audit_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP <> 'UPDATE' AND current_setting('carnet.audit_purge', true) = 'on' THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'audit log is append-only';
       END; $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION carnet_audit_append_only()""",
    f"""CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION carnet_audit_append_only()""",
]
POSTGRES_BACKWARD = [
    f"DROP TRIGGER audit_no_truncate ON {TABLE}",
    f"DROP TRIGGER audit_append_only ON {TABLE}",
    "DROP FUNCTION carnet_audit_append_only()",
]
SQLITE_FORWARD = [
    f"""CREATE TRIGGER audit_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    f"""CREATE TRIGGER audit_no_delete BEFORE DELETE ON {TABLE}
        WHEN NOT carnet_audit_purge_allowed()
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
SQLITE_BACKWARD = ["DROP TRIGGER audit_no_update", "DROP TRIGGER audit_no_delete"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("access", "0003_audit_log")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
