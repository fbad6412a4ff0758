"""Feeding the audit log from Django's signals: logins, and every change of a record."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save, pre_save
from django.forms.models import model_to_dict

from . import audit
from .client_address import client_address
from .models import AuditAction

# Records whose changes are logged, by app; bookkeeping fields are left out.
AUDITED_APPS = {"youths", "activity", "referentials", "organisations", "reports", "access"}
NOT_AUDITED_MODELS = {"access.auditevent", "access.user", "reports.issuedreportfile"}
IGNORED_FIELDS = {
    "id",
    "created_at",
    "updated_at",
    "updated_by",
    "password",
    "last_login",
    "content",
    "figures",
}


def _audited(sender) -> bool:
    meta = sender._meta
    return (
        meta.app_label in AUDITED_APPS
        and meta.label_lower not in NOT_AUDITED_MODELS
        and not audit.is_suspended()
    )


def _values(instance) -> dict:
    fields = [field.name for field in instance._meta.concrete_fields if field.name not in IGNORED_FIELDS]
    values = model_to_dict(instance, fields=fields)
    return {
        key: value if isinstance(value, int | float | str | bool | type(None)) else str(value)
        for key, value in values.items()
    }


def _remember_before(sender, instance, raw=False, **kwargs):
    if raw or not _audited(sender) or instance.pk is None:
        return
    previous = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _values(previous) if previous is not None else None


def _log_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _audited(sender):
        return
    before = {} if created else (getattr(instance, "_audit_before", None) or {})
    changes = audit.diff(before, _values(instance))
    if changes or created:
        audit.record(
            action=AuditAction.CREATE if created else AuditAction.UPDATE, target=instance, changes=changes
        )


def _log_delete(sender, instance, **kwargs):
    if _audited(sender):
        audit.record(action=AuditAction.DELETE, target=instance, changes=audit.diff(_values(instance), {}))


def _log_login(sender, request, user, **kwargs):
    audit.record(action=AuditAction.LOGIN, user=user, ip_address=_ip(request))


def _log_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(action=AuditAction.LOGOUT, user=user, ip_address=_ip(request))


def _log_login_failed(sender, credentials, request=None, **kwargs):
    audit.record(
        action=AuditAction.LOGIN_FAILED,
        username=str(credentials.get("username", ""))[:150],
        ip_address=_ip(request),
    )


def _ip(request) -> str | None:
    return client_address(request) if request is not None else None


def _register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "carnet_audit_purge_allowed", 0, audit.purge_is_allowed, deterministic=False
        )


def connect() -> None:
    pre_save.connect(_remember_before, dispatch_uid="carnet_audit_before")
    post_save.connect(_log_save, dispatch_uid="carnet_audit_save")
    post_delete.connect(_log_delete, dispatch_uid="carnet_audit_delete")
    user_logged_in.connect(_log_login, dispatch_uid="carnet_audit_login")
    user_logged_out.connect(_log_logout, dispatch_uid="carnet_audit_logout")
    user_login_failed.connect(_log_login_failed, dispatch_uid="carnet_audit_login_failed")
    connection_created.connect(_register_sqlite_functions, dispatch_uid="carnet_sqlite_functions")
