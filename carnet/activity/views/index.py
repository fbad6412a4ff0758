from django.shortcuts import render

from carnet.access.permissions import Capability, require
from carnet.offline.pages import available_offline


@require(Capability.VIEW_YOUTHS)
@available_offline
def index(request):
    """The educators' entry point: the quick entries first, then the lists."""
    return render(request, "activity/index.html")
