"""Who may open the setup and accounts pages: an administrator of an organisation, for that
organisation only; and, on an installation without any organisation yet, the superuser who
installed it, to create the first one."""

import functools
from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from carnet.access.permissions import Capability

from . import queries


def administrator(view: Callable | None = None, *, first_run: bool = False) -> Callable:
    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            organisation = queries.administered_organisation(request.user)
            if organisation is None and not (first_run and queries.first_run(request.user)):
                raise PermissionDenied
            request.organisation = organisation
            return view(request, *args, **kwargs)

        # The capability administrators hold; the URL matrix reads the rule from here.
        wrapped.carnet_capability = Capability.MANAGE_USERS
        return wrapped

    return decorator(view) if view is not None else decorator
