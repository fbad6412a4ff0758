"""Searching youths ignores accents: "ines" finds "Inès".

PostgreSQL gets the ``unaccent`` extension (a trusted extension since
PostgreSQL 13); SQLite has no such function, so ``carnet.youths.apps`` registers
one with the same name on every SQLite connection.
"""

from django.db import migrations


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    dependencies = [("youths", "0004_youth_merge")]

    operations = [migrations.RunPython(_forward, migrations.RunPython.noop)]
