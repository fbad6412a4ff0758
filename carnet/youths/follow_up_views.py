"""The team's follow-up setting: after how many weeks without contact a youth is « à revoir »."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carnet.access.permissions import Capability, require

from . import services
from .models import TeamFollowUp


class FollowUpForm(forms.Form):
    weeks_without_contact = forms.IntegerField(
        label=gettext_lazy("Semaines sans contact avant « à revoir »"),
        min_value=1,
        max_value=52,
        help_text=gettext_lazy(
            "Les jeunes dont vous êtes référent·e et sans contact depuis plus longtemps "
            "apparaissent sur votre page d'accueil."
        ),
    )


@require(Capability.EDIT_REFERENTIALS)
def follow_up_settings(request: HttpRequest) -> HttpResponse:
    teams = request.teams.order_by("name")
    weeks = dict(TeamFollowUp.objects.filter(team__in=teams).values_list("team_id", "weeks_without_contact"))
    if request.method == "POST":
        team = get_object_or_404(teams, pk=request.POST.get("team"))
        form = FollowUpForm(request.POST, prefix=f"team-{team.pk}")
        if form.is_valid():
            try:
                services.team_follow_up_set(team=team, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Réglage de %(team)s enregistré.") % {"team": team.name})
                return redirect("youths:follow_up")
        forms_by_team = [(t, form if t == team else _form(t, weeks)) for t in teams]
    else:
        forms_by_team = [(t, _form(t, weeks)) for t in teams]
    return render(request, "youths/follow_up.html", {"forms_by_team": forms_by_team})


def _form(team, weeks: dict[int, int]) -> FollowUpForm:
    # One form per team on the page: the prefix keeps field ids unique.
    return FollowUpForm(
        initial={"weeks_without_contact": weeks.get(team.pk, TeamFollowUp.DEFAULT_WEEKS)},
        prefix=f"team-{team.pk}",
    )
