import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import AuditAction, AuditEvent

# Brute force: past this many failures in the window, the account (or the address) waits.
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
LOCKOUT_WINDOW = datetime.timedelta(minutes=15)


def login_is_locked(*, username: str, ip_address: str | None) -> bool:
    """Failed logins are read back from the audit log, which already records each one."""
    since = timezone.now() - LOCKOUT_WINDOW
    failures = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, at__gte=since)
    if failures.filter(username__iexact=username).count() >= MAX_FAILURES_PER_ACCOUNT:
        return True
    return bool(ip_address) and failures.filter(ip_address=ip_address).count() >= MAX_FAILURES_PER_ADDRESS


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Trop de tentatives de connexion : ce compte est bloqué pendant 15 minutes. "
            "Réessayez plus tard ou demandez à votre administrateur·rice."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip_address = self.request.META.get("REMOTE_ADDR") if self.request else None
        if username and login_is_locked(username=username, ip_address=ip_address):
            audit.record(
                action=AuditAction.LOGIN_FAILED,
                username=username[:150],
                ip_address=ip_address,
                changes={"raison": "compte bloqué après trop d'échecs"},
            )
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        return super().clean()
