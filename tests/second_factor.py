"""Signing a test client in past the second factor, as administrators must be."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def force_login_verified(client, user) -> None:
    """``client.force_login`` followed by a code of a confirmed device, as a real sign-in would be."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or confirmed_device_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def confirmed_device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, confirmed=True, name="téléphone de test")


def give_the_code(page, device: TOTPDevice) -> None:
    """In a browser, on the code page that follows the password."""
    page.wait_for_url("**/acces/double-authentification/code/**")
    page.get_by_label("Code à 6 chiffres").fill(current_code(device))
    page.get_by_role("button", name="Valider").click()
