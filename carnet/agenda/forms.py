"""The form of a planned event: phone-first, choices of the user's teams."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carnet.activity import queries as activity_queries
from carnet.activity.forms.base import DateInput
from carnet.editing.forms import VersionedForm
from carnet.organisations.models import Commune, Quartier, Team
from carnet.referentials.models import PresenceKind

from .models import EventKind, PlannedEvent

FIELDS = (
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "place",
    "commune",
    "quartier",
    "presence_kind",
    "people",
    "agenda",
    "decisions",
)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class PlannedEventForm(VersionedForm, forms.Form):
    team = forms.ModelChoiceField(label=_("Équipe"), queryset=Team.objects.none())
    kind = forms.ChoiceField(label=_("Type"), choices=EventKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Intitulé"),
        max_length=120,
        required=False,
        help_text=_("Sans nom de jeune : l'agenda se synchronise avec les calendriers personnels."),
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Début"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Fin"), widget=TimeInput())
    place = forms.CharField(label=_("Lieu"), max_length=120, required=False)
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none(), required=False)
    quartier = forms.ModelChoiceField(label=_("Quartier"), queryset=Quartier.objects.none(), required=False)
    presence_kind = forms.ModelChoiceField(
        label=_("Type de présence"), queryset=PresenceKind.objects.none(), required=False
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Qui"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    agenda = forms.CharField(
        label=_("Ordre du jour"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decisions = forms.CharField(
        label=_("Relevé de décisions"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Court et factuel ; sans nom de jeune."),
    )

    repeat_weeks = forms.IntegerField(
        label=_("Répéter chaque semaine pendant (semaines)"),
        min_value=0,
        max_value=52,
        required=False,
        help_text=_(
            "Pour une réunion d'équipe hebdomadaire ou une présence régulière ; vide : une seule fois."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 52}),
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], user, instance: PlannedEvent | None = None, **kw):
        if instance is not None:
            kw.setdefault("initial", self.initial_from(instance))
        super().__init__(*args, **kw)
        self.instance = instance
        self.track_version(instance)
        self.fields["team"].queryset = teams.order_by("name")
        if len(self.fields["team"].queryset) == 1:
            self.fields["team"].widget = forms.HiddenInput()
        self.fields["commune"].queryset = activity_queries.communes_of(teams=teams)
        self.fields["quartier"].queryset = activity_queries.quartiers_of(teams=teams)
        self.fields["presence_kind"].queryset = activity_queries.referential_choices(
            PresenceKind, teams=teams
        )
        self.fields["people"].queryset = activity_queries.educators_of(teams=teams)
        self.fields["people"].label_from_instance = lambda person: person.get_full_name() or person.username
        if instance is None:
            self.initial.setdefault("team", teams.order_by("name").first())
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("kind", EventKind.PRESENCE)
            self.initial.setdefault("people", [user.pk])

    def initial_from(self, instance: PlannedEvent) -> dict[str, Any]:
        initial = {name: getattr(instance, name) for name in FIELDS if name != "people"}
        return {
            **initial,
            "team": instance.team_id,
            "people": [person.pk for person in instance.people.all()],
        }

    @property
    def has_several_teams(self) -> bool:
        return not isinstance(self.fields["team"].widget, forms.HiddenInput)

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("repeat_weeks", None)
        return {**data, "event": self.instance}

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)
