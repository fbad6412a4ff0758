"""The four entry forms: street presence, intervention, collective action, partnership meeting."""

from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from carnet.access.models import User
from carnet.organisations.models import Commune, Partner, Quartier, Team
from carnet.referentials.models import ActionType, Domain, MeetingKind, PresenceKind

from .. import queries
from ..models import NOTE_MAX_LENGTH, ActionRole, DiagnosticNeed, InterventionKind
from .base import DateInput, DurationFields, EntryForm, count_field, end_of, youth_field

NOTE_REMINDER = _("Notes courtes et factuelles : aucun récit d'infraction ni détail de santé.")


def _team_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("Équipe"), queryset=Team.objects.none(), empty_label=None)


def _referential_field(label: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=PresenceKind.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un type.")},
    )


def _commune_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False, empty_label=_("— aucune —")
    )


def _quartier_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Quartier.objects.none(),
        required=False,
        empty_label=_("— toute la commune —"),
    )


def _educators_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Éducateur·rices"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _partners_field(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label, queryset=Partner.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )


class PresenceSessionForm(DurationFields, EntryForm):
    offline_entry = True
    helpers = ("duration", "other_minutes")
    derived = ("duration_minutes",)
    error_fields = {"duration_minutes": "other_minutes"}

    team = _team_field()
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = _referential_field(_("Type de présence"))
    commune = _commune_field()
    quartier = _quartier_field()
    youths_met = count_field(
        _("Jeunes rencontrés"),
        help_text=_("Nombre, connus ou non."),
    )
    known_youths = youth_field("known_youths", _("Jeunes connus rencontrés"))
    educators = _educators_field()
    place = forms.CharField(label=_("Lieu précis (facultatif)"), max_length=120, required=False)

    def setup_choices(self) -> None:
        include = [self.instance.kind_id] if self.instance else []
        self.fields["kind"].queryset = queries.referential_choices(
            PresenceKind, teams=self.teams, include=include
        )
        self.place_choices()
        self.educator_choices()

    def defaults(self) -> dict[str, Any]:
        return {**self.usual_defaults(), "duration": 120, "kind": self.fields["kind"].queryset.first()}

    def initial_from(self, instance: Model) -> dict[str, Any]:
        return {**super().initial_from(instance), **self.duration_initial(instance.duration_minutes)}

    def clean(self) -> dict[str, Any]:
        super().clean()
        self.clean_duration_minutes()
        self.clean_counts("youths_met")
        return self.cleaned_data


class InterventionForm(EntryForm):
    offline_entry = True
    youth = youth_field("youth", _("Jeune"), required=True)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Type"), choices=InterventionKind.choices, widget=forms.RadioSelect)
    domains = forms.ModelMultipleChoiceField(
        label=_("Domaines"),
        queryset=Domain.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins un domaine.")},
    )
    partners = _partners_field(_("Partenaires mobilisés"))
    note = forms.CharField(
        label=_("Note factuelle"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NOTE_REMINDER,
    )
    educators = _educators_field()

    def setup_choices(self) -> None:
        include = self.instance.domains.values_list("pk", flat=True) if self.instance else []
        self.fields["domains"].queryset = queries.referential_choices(
            Domain, teams=self.teams, include=list(include)
        )
        self.partner_choices(used_in="interventions")
        self.educator_choices()

    def defaults(self) -> dict[str, Any]:
        return {"date": self.today, "kind": InterventionKind.INTERVIEW, "educators": [self.user.pk]}


class CollectiveActionForm(EntryForm):
    offline_entry = True
    helpers = ("days",)

    team = _team_field()
    action_type = _referential_field(_("Type d'action"))
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    start_date = forms.DateField(label=_("Date (début)"), widget=DateInput())
    end_date = forms.DateField(
        label=_("Date de fin"),
        widget=DateInput(),
        required=False,
        help_text=_("Vide : l'action dure une journée."),
    )
    days = forms.IntegerField(
        label=_("Ou nombre de jours"),
        min_value=1,
        max_value=366,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        help_text=_("La date de fin en découle."),
    )
    commune = _commune_field()
    quartier = _quartier_field()
    role = forms.ChoiceField(
        label=_("Rôle de l'équipe"), choices=ActionRole.choices, widget=forms.RadioSelect
    )
    commune_event = forms.BooleanField(
        label=_("Événement initié par la commune"),
        required=False,
        help_text=_("L'équipe y est alors associée."),
    )
    after_needs_study = forms.BooleanField(label=_("Décidée après une étude de besoin"), required=False)
    needs = forms.ModelMultipleChoiceField(
        label=_("Besoins identifiés par un diagnostic, à l'origine de l'action"),
        queryset=DiagnosticNeed.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Une action liée à un besoin compte parmi les actions réalisées après étude de besoin."),
    )
    participants = youth_field("participants", _("Jeunes connus participants"))
    # Labelled within the fieldset "Autres participant·es, sans les nommer".
    anonymous_male = count_field(_("Garçons"))
    anonymous_female = count_field(_("Filles"))
    anonymous_non_binary = count_field(_("Non binaires"))
    partners = _partners_field(_("Partenaires"))
    educators = _educators_field()
    description = forms.CharField(
        label=_("Description (facultative)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def setup_choices(self) -> None:
        include = [self.instance.action_type_id] if self.instance else []
        self.fields["action_type"].queryset = queries.referential_choices(
            ActionType, teams=self.teams, include=include
        )
        self.place_choices()
        self.partner_choices(used_in="collective_actions")
        self.educator_choices()
        self.fields["needs"].queryset = queries.needs_choices(teams=self.teams)
        self.fields["needs"].label_from_instance = lambda need: (
            _("%(need)s (%(quartier)s, %(date)s)")
            % {
                "need": need.label,
                "quartier": need.diagnostic.quartier.name,
                "date": f"{need.diagnostic.date:%m/%Y}",
            }
        )

    def defaults(self) -> dict[str, Any]:
        defaults = self.usual_defaults()
        start_date = defaults.pop("date")
        return {**defaults, "start_date": start_date, "role": ActionRole.INITIATED}

    def initial_from(self, instance: Model) -> dict[str, Any]:
        initial = super().initial_from(instance)
        if instance.end_date == instance.start_date:
            initial["end_date"] = None
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end, days = data.get("start_date"), data.get("end_date"), data.get("days")
        if start and days and end is None:
            data["end_date"] = end_of(start, days)
        elif start and days and end and end != end_of(start, days):
            self.add_error("days", _("Ce nombre de jours ne correspond pas aux dates de début et de fin."))
        self.clean_counts("anonymous_male", "anonymous_female", "anonymous_non_binary")
        return data


class PartnershipMeetingForm(DurationFields, EntryForm):
    helpers = ("duration", "other_minutes")
    derived = ("duration_minutes",)
    error_fields = {"duration_minutes": "other_minutes"}

    team = _team_field()
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = _referential_field(_("Type de réunion"))
    subject = forms.CharField(label=_("Objet"), max_length=200, required=False)
    commune = _commune_field()
    partners = _partners_field(_("Partenaires présents"))
    educators = _educators_field()

    def setup_choices(self) -> None:
        include = [self.instance.kind_id] if self.instance else []
        self.fields["kind"].queryset = queries.referential_choices(
            MeetingKind, teams=self.teams, include=include
        )
        self.place_choices()
        self.partner_choices(used_in="meetings")
        self.educator_choices()

    def defaults(self) -> dict[str, Any]:
        return {**self.usual_defaults(), "duration": 120}

    def initial_from(self, instance: Model) -> dict[str, Any]:
        return {**super().initial_from(instance), **self.duration_initial(instance.duration_minutes)}

    def clean(self) -> dict[str, Any]:
        super().clean()
        self.clean_duration_minutes()
        return self.cleaned_data
