from django.shortcuts import redirect, render
from django.utils import timezone

from carnet.access.permissions import Capability, active_memberships, teams_with
from carnet.access.visibility import visible_within
from carnet.onboarding.queries import first_run
from carnet.reports.queries import issued_reports_for
from carnet.reports.renderers import charts

from .queries import recent_youths, team_year, youths_to_see_again

# The home lists what one person can see again this week; the rest waits for the youth list.
TO_SEE_AGAIN_LIMIT = 20
# A team's year names the first youths of its data-quality list (dashboard/home.html).
DATA_GAPS_SHOWN = 10


def home(request):
    user = request.user
    if first_run(user):
        # A fresh installation: its installer starts by creating the association.
        return redirect("onboarding:setup")
    leading = teams_with(user, Capability.VIEW_REPORTS)
    recording = teams_with(user, Capability.RECORD_ACTIVITY)
    reader = visible_within(user, recording)
    team_years = [_with_charts(team_year(team=team)) for team in leading.order_by("name")[:5]]
    # Each year names the youths of its data-quality list: a read, logged like the report's.
    visible_within(user, leading).listed(
        what="jeunes",
        ids=[
            gap.youth_id for year in team_years for gap in year["figures"].report.data_gaps[:DATA_GAPS_SHOWN]
        ],
    )
    context = {
        "memberships": active_memberships(user).select_related("team", "organisation"),
        "recent_youths": recent_youths(youths=reader.youths(), user=user) if recording.exists() else [],
        "to_see_again": _to_see_again(reader, recording),
        "team_years": team_years,
        "issued_reports": issued_reports_for(user)[:5],
    }
    return render(request, "dashboard/home.html", context)


def _with_charts(figures):
    return {"figures": figures, "domains_chart": charts.domains_chart(figures.report)}


def _to_see_again(reader, teams):
    youths = youths_to_see_again(
        youths=reader.youths(), user=reader.user, teams=teams, today=timezone.localdate()
    )
    return list(youths[:TO_SEE_AGAIN_LIMIT])
