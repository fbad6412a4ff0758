"""Two-factor authentication with time-based codes (TOTP, as in any authenticator app).

An organisation can make it mandatory for the roles that see personal data;
anyone may turn it on for their own account.
"""

import segno
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .permissions import ROLE_CAPABILITIES, Capability, active_memberships

ISSUER = "Carnet"
PERSONAL_DATA = {Capability.VIEW_YOUTHS, Capability.OPEN_ARCHIVE}


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_required(user: User) -> bool:
    """True when one of the user's organisations demands it for a role that sees personal data."""
    for membership in active_memberships(user).select_related("organisation"):
        if membership.organisation.require_two_factor and ROLE_CAPABILITIES[membership.role] & PERSONAL_DATA:
            return True
    return False


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
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_device(*, request, device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code.replace(" ", "")):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    otp_login(request, device)
    return True


def verify(*, request, code: str) -> bool:
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(code.replace(" ", "")):
        return False
    otp_login(request, device)
    return True
