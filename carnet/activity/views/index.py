from django.shortcuts import render

from carnet.access.permissions import Capability, require


@require(Capability.VIEW_YOUTHS)
def index(request):
    """The educators' entry point: the three quick entries first, then the lists."""
    return render(request, "activity/index.html")
