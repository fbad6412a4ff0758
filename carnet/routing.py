"""Read replica routing: reads go to the streaming replica, writes to the primary.

When ``DATABASE_REPLICA_URL`` is set, settings define a second alias,
``"replica"`` (a PostgreSQL hot standby fed by streaming replication), and
install :class:`ReplicaRouter`. Without it there is one database and the router
is not installed: nothing changes.

The design is deliberately simple and errs on the side of the primary:

* Writes always go to ``"default"``. Migrations run only on ``"default"``; the
  replica receives the schema through replication.
* A read goes to ``"replica"`` only when *both* hold in the current context
  (a :mod:`contextvars` context, so it is per thread and per asyncio task):

  - replica reads are allowed: :class:`ReplicaMiddleware` allows them for the
    duration of each HTTP request; anywhere else (management commands, task
    workers, shells, tests) they are off unless code opts in with
    ``with replica_reads(): ...``;
  - nothing has been written yet in this context: the first call to
    ``db_for_write`` (any save, create, update, delete, ``select_for_update``)
    pins every later read of the request to the primary, so a request reads
    its own writes.

  So the report build and the youth list, which are plain reads in a request,
  are served by the replica, while everything outside requests reads the
  primary. Replication lag across requests (a write, a redirect, then a read
  on the replica a few milliseconds behind) is not hidden; PostgreSQL's
  streaming replica usually replays within milliseconds on a local network.
"""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"

_replica_allowed: ContextVar[bool] = ContextVar("carnet_replica_allowed", default=False)
_wrote: ContextVar[bool] = ContextVar("carnet_wrote", default=False)


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Let reads in this block go to the replica until the first write."""
    allowed, wrote = _replica_allowed.set(True), _wrote.set(False)
    try:
        yield
    finally:
        _wrote.reset(wrote)
        _replica_allowed.reset(allowed)


@contextlib.contextmanager
def primary_reads() -> Iterator[None]:
    """Force reads in this block to the primary (e.g. right before a write that depends on them)."""
    allowed = _replica_allowed.set(False)
    try:
        yield
    finally:
        _replica_allowed.reset(allowed)


def reads_on_replica() -> bool:
    """Whether a read issued now would go to the replica."""
    return REPLICA in connections.databases and _replica_allowed.get() and not _wrote.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reads_on_replica() else PRIMARY

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaMiddleware:
    """Allow replica reads for the duration of a request, starting with no write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with replica_reads():
            return self.get_response(request)
