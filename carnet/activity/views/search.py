from django.shortcuts import render
from django.views.decorators.http import require_GET

from carnet.access.permissions import Capability, require
from carnet.access.visibility import visible_to

from ..forms import youth_picker_for_search


@require(Capability.RECORD_ACTIVITY)
@require_GET
def youth_search(request):
    """The youths a picker offers for the letters typed (htmx), keeping those already ticked."""
    picker = youth_picker_for_search(
        youths=visible_to(request).youths(), teams=request.teams, data=request.GET
    )
    return render(request, "activity/widgets.html#youth_choices", {"picker": picker})
