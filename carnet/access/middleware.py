from django.shortcuts import redirect
from django.urls import reverse

from . import audit
from .client_address import client_address
from .two_factor import confirmed_device, two_factor_required


class AuditMiddleware:
    """Makes the signed-in user and their address the actor of every audited change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        with audit.acting_as(user, client_address(request)):
            return self.get_response(request)


class TwoFactorMiddleware:
    """After the password, a user with a code generator (or whose organisation demands
    one) must give a code before anything else."""

    # Only the code page is open before the code: the set-up page would enrol a new device
    # with the password alone (it is reached through the redirection below, for accounts
    # that have no device).
    OPEN_PATHS = ("/static/", "/connexion/", "/deconnexion/", "/acces/double-authentification/code/")
    NOT_NEEDED = "carnet_two_factor_not_needed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        checked = request.session.get(self.NOT_NEEDED) if user.is_authenticated else True
        if not checked and not user.is_verified() and not request.path.startswith(self.OPEN_PATHS):
            if confirmed_device(user) is not None:
                return redirect(f"{reverse('access:two_factor_verify')}?next={request.get_full_path()}")
            setup = reverse("access:two_factor_setup")
            if two_factor_required(user) and request.path != setup:
                return redirect(setup)
            if request.path == setup:
                return self.get_response(request)
            # Checked once per session: a user with no device and no obligation goes on.
            request.session[self.NOT_NEEDED] = True
        return self.get_response(request)
