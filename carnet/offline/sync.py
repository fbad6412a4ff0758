"""How an entry form answers the phone sending an entry it kept (offline.js, ``X-Carnet-Sync``).

The phone posts the entry to the same page an educator would, with the same fields: the
form and the service decide as for any entry. The answer is JSON instead of a page: the
record made (or found again, for an entry sent twice), or the reasons of a refusal that the
phone keeps next to the entry, in French, for the educator to fix it or discard it.
"""

from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

SYNC_HEADER = "X-Carnet-Sync"


def is_sync(request: HttpRequest) -> bool:
    return request.method == "POST" and request.headers.get(SYNC_HEADER) == "1"


def saved(record: Model, *, url: str) -> JsonResponse:
    return JsonResponse({"id": record.pk, "label": str(record), "url": url}, status=201)


def refused(form: Form, *, extra: list[str] = ()) -> JsonResponse:
    """422 with every reason, each naming the field it is about, as the form's summary does."""
    reasons = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        reasons += [f"{label} : {error}" if label else str(error) for error in errors]
    reasons += list(extra)
    if not reasons:
        reasons = [_("La saisie n'a pas pu être enregistrée.")]
    return JsonResponse({"reasons": reasons}, status=422)
