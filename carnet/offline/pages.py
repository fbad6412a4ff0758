"""The pages the phone keeps a copy of, to open them without network."""

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# The service worker keeps a copy of a page only when its answer carries this header: the
# quick entries and the list of entries waiting, never a youth's file nor any list of youths.
OFFLINE_HEADER = "X-Carnet-Offline"


def available_offline(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and not request.GET:
            response[OFFLINE_HEADER] = "1"
        return response

    return wrapped
