"""The task worker: django-tasks' ``db_worker``, with its options, that survives a locked
database and says it is alive (``carnet.operations.worker``)."""

from django_tasks_db.management.commands import db_worker

from carnet.operations.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Lance le processus de tâches (imports en arrière-plan, conservation des données) : "
        "il attend et reprend si la base est verrouillée."
    )

    def handle(self, *args, **options):
        # The stock command builds its Worker by name: it builds this one for the time of the call.
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
