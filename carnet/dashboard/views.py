from django.shortcuts import render

from carnet.access.permissions import active_memberships


def home(request):
    memberships = active_memberships(request.user).select_related("team", "organisation")
    return render(request, "dashboard/home.html", {"memberships": memberships})
