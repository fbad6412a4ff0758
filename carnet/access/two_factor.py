"""Two-factor authentication with time-based codes (TOTP, as in any authenticator app).

An organisation can make it mandatory for the roles that see personal data; it is always
mandatory for administrators and superusers, whose accounts open every other. Anyone may
turn it on for their own account.

A password alone never enrols a device: enrolling needs a session already verified with the
current device, or, for an account that has none, an explicit authorisation (the first
sign-in, an invitation, an administrator's reset). A confirmed device is only replaced
through that path, and every replacement, reset and wrong code is written to the audit log.
"""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import AuditAction, Role, User
from .permissions import ROLE_CAPABILITIES, Capability, active_memberships

ISSUER = "Carnet"
PERSONAL_DATA = {Capability.VIEW_YOUTHS, Capability.OPEN_ARCHIVE}


class EnrolmentRefused(Exception):
    """A device was to be enrolled for an account that already has one, without a verified session."""


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_required(user: User) -> bool:
    """True for superusers and administrators, and when one of the user's organisations demands
    it for a role that sees personal data."""
    if user.is_superuser:
        return True
    for membership in active_memberships(user).select_related("organisation"):
        if membership.role == Role.ADMIN:
            return True
        if membership.organisation.require_two_factor and ROLE_CAPABILITIES[membership.role] & PERSONAL_DATA:
            return True
    return False


def may_enrol(*, request, user: User) -> bool:
    """A new device may be set up by someone signed in as ``user`` whose session is verified,
    or for an account that has no confirmed device yet."""
    if confirmed_device(user) is None:
        return True
    return request.user == user and request.user.is_verified()


def pending_device(user: User) -> TOTPDevice:
    """The device being set up: one unconfirmed device per user, reused until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Application d'authentification", confirmed=False
    )


def provisioning_svg(device: TOTPDevice) -> str:
    """The QR code to scan, as inline SVG (no image request, no script)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(scale=4, dark="#1d2733", omitsize=False)


def secret_for_manual_entry(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _record_wrong_code(*, user: User, reason: str) -> None:
    audit.record(action=AuditAction.LOGIN_FAILED, user=user, changes={"raison": reason})


@transaction.atomic
def confirm_device(*, request, device: TOTPDevice, code: str, authorised_by: User | None = None) -> bool:
    """Confirm ``device`` with a code it computed; it then replaces the user's previous device.

    Without a verified session of the user, a previous device is only replaced when
    ``authorised_by`` (the administrator who issued an invitation) says so."""
    user = device.user
    previous = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exclude(pk=device.pk)
    if previous.exists() and authorised_by is None and not may_enrol(request=request, user=user):
        raise EnrolmentRefused(f"{user} already has a confirmed device")
    if not device.verify_token(code.replace(" ", "")):
        _record_wrong_code(user=user, reason="code incorrect à l'activation de la double authentification")
        return False
    replaced = previous.count()
    previous.delete()
    device.confirmed = True
    device.save()
    audit.record(
        action=AuditAction.UPDATE,
        target_label=f"double authentification de {user.get_username()}",
        changes={
            "appareil": "remplacé" if replaced else "activé",
            **({"autorisé par": authorised_by.get_username()} if authorised_by else {}),
        },
        user=request.user if request.user.is_authenticated else user,
    )
    if request.user == user:
        otp_login(request, device)
    return True


@transaction.atomic
def reset(*, user: User, by: User) -> int:
    """An administrator's reset: the account's devices are removed, and it enrols a new one at
    its next sign-in. Returns how many confirmed devices were removed."""
    removed = TOTPDevice.objects.filter(user=user, confirmed=True).count()
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(
        action=AuditAction.UPDATE,
        target_label=f"double authentification de {user.get_username()}",
        changes={"appareil": "réinitialisé", "par": by.get_username()},
        user=by,
    )
    return removed


def verify(*, request, code: str) -> bool:
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(code.replace(" ", "")):
        _record_wrong_code(user=request.user, reason="code de double authentification incorrect")
        return False
    otp_login(request, device)
    return True
