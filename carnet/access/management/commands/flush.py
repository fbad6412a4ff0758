"""Django's flush, which empties every table, the append-only audit log included.

Emptying the whole database is an operator's deliberate act (and what the test
runner does between tests), so it opens the audit log's purge lock.
"""

from django.core.management.commands.flush import Command as FlushCommand

from carnet.access.audit import purge_allowed


class Command(FlushCommand):
    def handle(self, **options):
        with purge_allowed():
            return super().handle(**options)
