from . import audit


class AuditMiddleware:
    """Makes the signed-in user and their address the actor of every audited change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        with audit.acting_as(user, request.META.get("REMOTE_ADDR")):
            return self.get_response(request)
