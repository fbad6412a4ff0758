"""The installable web app (service worker, manifest), the entries waiting on the phone, and
the data the phone keeps to enter them without network."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from carnet.access.permissions import Capability, require
from carnet.access.visibility import visible_to

from .pages import available_offline
from .queries import offline_pages, phone_directory
from .worker import worker_script

MANIFEST_ICONS = (
    ("offline/icons/icon-192.png", "192x192", "image/png", "any"),
    ("offline/icons/icon-512.png", "512x512", "image/png", "any"),
    ("offline/icons/icon-maskable-512.png", "512x512", "image/png", "maskable"),
    ("offline/icons/icon.svg", "any", "image/svg+xml", "any"),
)


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker, at the site's root so that it serves every page; never kept stale by a cache."""
    response = HttpResponse(worker_script(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """What makes Carnet installable on a phone's home screen, opening on the quick entries."""
    shortcuts = [
        (_("Présence sociale"), "activity:presence_create"),
        (_("Intervention"), "activity:intervention_create"),
        (_("Action collective"), "activity:action_create"),
        (_("Nouveau jeune"), "youths:create"),
    ]
    data = {
        "name": "Carnet",
        "short_name": "Carnet",
        "description": _("Carnet de bord de l'équipe de prévention spécialisée"),
        "lang": "fr",
        "start_url": reverse("activity:index"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f3f5f8",
        "theme_color": "#0b5561",
        "icons": [
            {"src": static(path), "sizes": sizes, "type": kind, "purpose": purpose}
            for path, sizes, kind, purpose in MANIFEST_ICONS
        ],
        "shortcuts": [{"name": name, "url": reverse(url)} for name, url in shortcuts],
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


@available_offline
def outbox(request: HttpRequest) -> HttpResponse:
    """The entries waiting on this phone (drawn by offline.js from the browser's store)."""
    return render(request, "offline/outbox.html", {"offline_days": settings.CARNET_OFFLINE_DAYS})


@require(Capability.RECORD_ACTIVITY)
@require_GET
@ensure_csrf_cookie
def directory(request: HttpRequest) -> JsonResponse:
    """The youths the educator may name in an entry, for the phone to keep (first name,
    nickname, code and commune only); the read is audited as any read of youth data.

    Its answer also tells the phone that the session is open and the access kept (a login
    page or a refusal instead make the phone keep its entries, or forget everything).
    """
    visible = visible_to(request)
    copied = visible.read(visible.youths(), what=_("copie sur le téléphone (prénom, surnom, code, commune)"))
    youths = phone_directory(youths=copied)
    data = {
        "user": request.user.pk,
        "offline_days": settings.CARNET_OFFLINE_DAYS,
        "pages": offline_pages(),
        "youths": youths,
    }
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response


class LogoutView(auth_views.LogoutView):
    """Signing out also empties what this browser kept for Carnet (offline.js empties it
    first; the header covers a page whose script did not run)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"storage"'
        return response
