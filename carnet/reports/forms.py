import datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from carnet.organisations.models import Commune, Organisation, Team

from .models import Audience, NarrativeSection
from .scope import ReportScope


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# The "team" choice of an organisation's report: "org-<pk>", which a team's pk cannot be.
ORGANISATION_PREFIX = "org-"


def organisations_wholly_covered(teams: QuerySet[Team]) -> QuerySet[Organisation]:
    """Organisations every team of which is among ``teams``: only those users may read
    the report of all teams (a team leader of some teams may not add up the others)."""
    others = Team.objects.exclude(pk__in=teams.values("pk")).values("organisation")
    return Organisation.objects.filter(teams__in=teams.values("pk")).exclude(pk__in=others).distinct()


EARLIEST = datetime.date(1900, 1, 1)


class ScopeForm(forms.Form):
    """Which report: a team (or one of its communes), or all the teams of an organisation
    for who may see them all, over any period."""

    team = forms.ChoiceField(label=_("Équipe"))
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("Toutes les communes de l'équipe"),
    )
    start = forms.DateField(label=_("Du"), widget=DateInput())
    end = forms.DateField(label=_("Au"), widget=DateInput())
    compare = forms.BooleanField(label=_("Comparer avec la période précédente de même durée"), required=False)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self._teams = {str(team.pk): team for team in teams.order_by("name")}
        self._organisations = {
            f"{ORGANISATION_PREFIX}{organisation.pk}": organisation
            for organisation in organisations_wholly_covered(teams).order_by("name")
        }
        self.fields["team"].choices = [
            *(
                (key, _("Toutes les équipes — %(name)s") % {"name": o.name})
                for key, o in self._organisations.items()
            ),
            *((key, team.name) for key, team in self._teams.items()),
        ]
        self.fields["commune"].queryset = Commune.objects.filter(team__in=teams).select_related("team")
        self.fields["commune"].label_from_instance = lambda commune: f"{commune.name} ({commune.team.name})"
        if not self.is_bound:
            last_year = timezone.localdate().year - 1
            self.initial.setdefault("start", datetime.date(last_year, 1, 1))
            self.initial.setdefault("end", datetime.date(last_year, 12, 31))

    def clean_team(self) -> Team | Organisation:
        key = self.cleaned_data["team"]
        return self._teams.get(key) or self._organisations[key]

    def clean(self):
        data = super().clean()
        start, end, team, commune = (data.get(name) for name in ("start", "end", "team", "commune"))
        if start and end and start > end:
            self.add_error("end", _("La fin de la période précède son début."))
        if start and start < EARLIEST:
            # The period before it (comparison) must be a date too: 01/01/0001 has none.
            self.add_error("start", _("Indiquez une date à partir du 01/01/1900."))
        if isinstance(team, Organisation) and commune:
            self.add_error("commune", _("Choisissez l'équipe de la commune pour le bilan d'une commune."))
        elif team and commune and commune.team_id != team.pk:
            self.add_error("commune", _("Cette commune n'est pas couverte par l'équipe choisie."))
        return data

    @property
    def scope(self) -> ReportScope:
        data = self.cleaned_data
        if isinstance(data["team"], Organisation):
            return ReportScope(organisation=data["team"], start=data["start"], end=data["end"])
        return ReportScope(team=data["team"], commune=data["commune"], start=data["start"], end=data["end"])

    def query_string(self) -> str:
        data = self.cleaned_data
        team = data["team"]
        key = f"{ORGANISATION_PREFIX}{team.pk}" if isinstance(team, Organisation) else team.pk
        params = {"team": key, "start": data["start"].isoformat(), "end": data["end"].isoformat()}
        if data["commune"]:
            params["commune"] = data["commune"].pk
        if data.get("compare"):
            params["compare"] = "on"
        return urlencode(params)


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label=_("Texte"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, section: NarrativeSection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = section.label


class FundersForm(forms.Form):
    funders = forms.ModelMultipleChoiceField(
        label=_("Financeurs dont le logo figure en page de titre"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, funders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funders"].queryset = funders


class IssueForm(forms.Form):
    audience = forms.ChoiceField(label=_("Destinataires"), choices=Audience.choices, widget=forms.RadioSelect)
