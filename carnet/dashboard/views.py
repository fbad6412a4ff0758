from django.shortcuts import redirect, render
from django.utils import timezone

from carnet.access import audit
from carnet.access.models import AuditAction
from carnet.access.permissions import Capability, active_memberships, teams_with
from carnet.onboarding.queries import first_run
from carnet.reports.queries import issued_reports_for
from carnet.reports.renderers import charts

from .queries import recent_youths, team_year, youths_to_see_again

# The home lists what one person can see again this week; the rest waits for the youth list.
TO_SEE_AGAIN_LIMIT = 20


def home(request):
    user = request.user
    if first_run(user):
        # A fresh installation: its installer starts by creating the association.
        return redirect("onboarding:setup")
    leading = teams_with(user, Capability.VIEW_REPORTS)
    recording = teams_with(user, Capability.RECORD_ACTIVITY)
    context = {
        "memberships": active_memberships(user).select_related("team", "organisation"),
        "recent_youths": recent_youths(user=user, teams=recording) if recording.exists() else [],
        "to_see_again": _to_see_again(user, recording),
        "team_years": [_with_charts(team_year(team=team)) for team in leading.order_by("name")[:5]],
        "issued_reports": issued_reports_for(user)[:5],
    }
    return render(request, "dashboard/home.html", context)


def _with_charts(figures):
    return {"figures": figures, "domains_chart": charts.domains_chart(figures.report)}


def _to_see_again(user, teams):
    youths = youths_to_see_again(user=user, teams=teams, today=timezone.localdate())
    # The names shown are a read of youth data, logged once for the list (like a report's list).
    listed = list(youths[:TO_SEE_AGAIN_LIMIT])
    if listed:
        audit.record(
            action=AuditAction.READ,
            target_label="jeunes à revoir",
            changes={"jeunes": [youth.pk for youth in listed]},
        )
    return listed
