"""The service worker's script: Workbox and idb (built from npm at set-up), Carnet's own
worker code, and what only the server knows — the files to precache under their current
(hashed) names, the pages and entries that work without network, the texts in French."""

import functools
import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

from .queries import offline_entries, offline_pages

# Loaded by the worker, in this order (workbox.js and idb.js: scripts/build_offline.mjs).
WORKER_SCRIPTS = (
    "vendor/offline/workbox.js",
    "vendor/offline/idb.js",
    "offline/store.js",
    "offline/worker.js",
)
# What the quick-entry pages need besides the pages themselves, fetched when the worker installs.
PRECACHED = (
    "carnet/carnet.css",
    "carnet/carnet.js",
    "carnet/favicon.svg",
    "activity/activity.css",
    "activity/entries.js",
    "youths/youths.css",
    "vendor/htmx/htmx.min.js",
    "vendor/offline/idb.js",
    "offline/store.js",
    "offline/offline.js",
    "offline/outbox.js",
    "offline/offline.css",
    "offline/icons/icon-192.png",
)


def _revision(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"{path} is missing: run `node scripts/build_offline.mjs` (make does it)")
    with open(found, "rb") as file:
        return hashlib.md5(file.read(), usedforsecurity=False).hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def _precache_manifest() -> tuple[tuple[str, str], ...]:
    return tuple((static(path), _revision(path)) for path in PRECACHED)


def precache_manifest() -> list[dict[str, str]]:
    """Workbox's precache list; each file's revision is its content's hash, so that a new
    deployment replaces exactly the files that changed (read once per process)."""
    if settings.DEBUG:
        _precache_manifest.cache_clear()
    return [{"url": url, "revision": revision} for url, revision in _precache_manifest()]


def worker_script() -> str:
    config = {
        "precache": precache_manifest(),
        "pages": offline_pages(),
        "entries": offline_entries(),
        "outbox": reverse("offline:outbox"),
        "search": reverse("activity:youth_search"),
        "texts": {
            "type_two_letters": _("Tapez au moins 2 lettres pour trouver un jeune."),
            "no_other": _("Aucun autre jeune trouvé pour « {query} »."),
            "not_sent": _("pas encore envoyé"),
            "no_network": _(
                "Pas de réseau, et Carnet n'a encore rien gardé sur ce téléphone : ouvrez-le une "
                "première fois avec du réseau."
            ),
        },
    }
    scripts = ", ".join(json.dumps(static(path)) for path in WORKER_SCRIPTS)
    return f"self.CARNET_OFFLINE = {json.dumps(config, ensure_ascii=False)};\nimportScripts({scripts});\n"
