"""Writing the audit log: who read, exported, changed or issued what, and logins.

The acting user and address come from the request (AuditMiddleware) or, for
command-line work, from ``acting_as``. Identifying fields of youths are never
written: a change to them is recorded as "modifié" without the values.
"""

import contextlib
import contextvars
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model

from .models import AuditAction, AuditEvent, User

# Fields whose values never enter the log (they identify a youth).
IDENTIFYING_FIELDS = {"first_name", "nickname", "code", "last_name", "birth_date", "external_id", "note"}
REDACTED = "modifié"


@dataclass(frozen=True)
class Actor:
    user: User | None
    ip_address: str | None = None


_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("carnet_actor", default=None)


def current_actor() -> Actor | None:
    return _actor.get()


@contextlib.contextmanager
def acting_as(user: User | None, ip_address: str | None = None) -> Iterator[None]:
    token = _actor.set(Actor(user, ip_address))
    try:
        yield
    finally:
        _actor.reset(token)


def record(
    *,
    action: str,
    target: Model | None = None,
    target_label: str = "",
    changes: dict | None = None,
    user: User | None = None,
    username: str = "",
    ip_address: str | None = None,
) -> AuditEvent:
    actor = current_actor()
    if user is None and actor is not None:
        user = actor.user
    if ip_address is None and actor is not None:
        ip_address = actor.ip_address
    if user is not None and not getattr(user, "pk", None):
        user = None
    return AuditEvent.objects.create(
        user=user,
        username=username or (user.get_username() if user else ""),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=target_label or (safe_label(target) if target is not None else ""),
        changes=changes or {},
        ip_address=ip_address,
    )


def record_changes(*, changes: list[tuple[Model, dict]], user: User | None = None) -> None:
    """One UPDATE event per changed record, written in batches: what a bulk import changed."""
    actor = current_actor()
    if user is None and actor is not None:
        user = actor.user
    if user is not None and not getattr(user, "pk", None):
        user = None
    events = [
        AuditEvent(
            user=user,
            username=user.get_username() if user else "",
            action=AuditAction.UPDATE,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_label=safe_label(target),
            changes=changed,
            ip_address=actor.ip_address if actor is not None else None,
        )
        for target, changed in changes
    ]
    AuditEvent.objects.bulk_create(events, batch_size=1000)


def safe_label(target: Model) -> str:
    """A label that names no youth: "jeune n° 12" rather than the youth's name."""
    if target._meta.label_lower == "youths.youth":
        return f"jeune n° {target.pk}"
    if hasattr(target, "youth_id"):
        return f"{target._meta.verbose_name} (jeune n° {target.youth_id})"
    return str(target)[:200]


def record_read(*, target: Model) -> AuditEvent:
    return record(action=AuditAction.READ, target=target)


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields that changed, identifying values redacted."""
    changed = {}
    for field in sorted(set(before) | set(after)):
        old, new = before.get(field), after.get(field)
        if old != new:
            changed[field] = [REDACTED, REDACTED] if field in IDENTIFYING_FIELDS else [old, new]
    return changed


# --- Bulk work that is logged as one event, not record by record ---------------------
_suspended: contextvars.ContextVar[bool] = contextvars.ContextVar("carnet_audit_suspended", default=False)


def is_suspended() -> bool:
    return _suspended.get()


@contextlib.contextmanager
def changes_not_logged() -> Iterator[None]:
    """For loaders (demo, imports) that log their work as one event of their own."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


# --- The purge lock -------------------------------------------------------------------
_purge = threading.local()


def purge_is_allowed() -> bool:
    return getattr(_purge, "allowed", False)


@contextlib.contextmanager
def purge_allowed() -> Iterator[None]:
    """Open the database's append-only lock for this thread's session: retention only."""
    _purge.allowed = True
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET carnet.audit_purge = 'on'")
    try:
        yield
    finally:
        _purge.allowed = False
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET carnet.audit_purge")
