"""Forms of the youth screens: French labels, errors next to each field, choices of the user's teams."""

import datetime
import uuid
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carnet.access.models import User
from carnet.editing.forms import VersionedForm
from carnet.organisations.models import Commune, Quartier, Team
from carnet.referentials.models import Modality, Origin, Situation

from .models import Sex, Youth
from .queries import WITHOUT, LastContact, team_educators, usual_place
from .services import EDITABLE_FIELDS

NOTE_REMINDER = _("Court et factuel : aucun récit d'infraction, aucun détail de santé.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_in_future(day: datetime.date | None) -> None:
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("La date ne peut pas être dans le futur."))


class YouthForm(VersionedForm, forms.ModelForm):
    """Create or edit a youth; the team is the chosen commune's (or the user's only team)."""

    class Meta:
        model = Youth
        fields = list(EDITABLE_FIELDS)
        labels = {
            "first_name": _("Prénom"),
            "nickname": _("Surnom"),
            "code": _("Code"),
            "last_name": _("Nom (facultatif)"),
            "sex": _("Sexe"),
            "birth_date": _("Date de naissance"),
            "birth_year": _("ou seulement l'année de naissance"),
            "commune": _("Commune"),
            "quartier": _("Quartier"),
            "origin": _("Origine de la rencontre"),
            "first_contact_date": _("Première rencontre"),
        }
        help_texts = {
            "first_name": _("Prénom, surnom ou code : un des trois suffit."),
            "nickname": NOTE_REMINDER,
            "code": _("Un code interne si le jeune ne souhaite pas donner son prénom."),
            "last_name": _("À ne noter que si c'est utile au travail avec le jeune."),
            "birth_date": _("Facultative : l'année suffit."),
        }
        widgets = {
            "sex": forms.RadioSelect,
            "birth_date": DateInput(),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1900, "max": 2200}),
            "first_contact_date": DateInput(),
            "first_name": forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
            "nickname": forms.TextInput(attrs={"autocomplete": "off"}),
            "code": forms.TextInput(attrs={"autocomplete": "off"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
        }

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A youth stays in their team: only its communes are offered.
            teams = teams.filter(pk=self.instance.team_id)
            self.track_version(self.instance)
        self.teams = list(teams.order_by("name"))
        several_teams = len(self.teams) > 1
        communes = Commune.objects.filter(team__in=self.teams).select_related("team")
        commune = self.fields["commune"]
        commune.queryset = communes
        commune.required = several_teams
        commune.empty_label = _("— Choisir —") if several_teams else _("Non renseignée")
        if several_teams:
            commune.label_from_instance = lambda c: f"{c.name} ({c.team.short_name or c.team.name})"
            commune.help_text = _("La commune décide de l'équipe qui suit le jeune.")
        quartier = self.fields["quartier"]
        quartier.queryset = Quartier.objects.filter(commune__in=communes).select_related("commune")
        quartier.empty_label = _("Non renseigné")
        origin = self.fields["origin"]
        origin.queryset = Origin.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.origin_id or 0),
            organisation__in={team.organisation_id for team in self.teams},
        )
        origin.empty_label = _("Non renseignée")
        self.fields["sex"].choices = [("", _("Non renseigné")), *Sex.choices]
        if not self.instance.pk:
            self.initial.setdefault("first_contact_date", timezone.localdate())

    def clean_birth_date(self) -> datetime.date | None:
        day = self.cleaned_data.get("birth_date")
        _not_in_future(day)
        return day

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Indiquez une année entre 1900 et l'année en cours."))
        return year

    def clean_first_contact_date(self) -> datetime.date | None:
        day = self.cleaned_data.get("first_contact_date")
        _not_in_future(day)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in ("first_name", "nickname", "code")):
            self.add_error("first_name", _("Indiquez un prénom, un surnom ou un code."))
        birth_date, birth_year = data.get("birth_date"), data.get("birth_year")
        if birth_date and birth_year and birth_date.year != birth_year:
            self.add_error("birth_year", _("L'année de naissance ne correspond pas à la date de naissance."))
        elif birth_date:
            data["birth_year"] = birth_date.year
        quartier, commune = data.get("quartier"), data.get("commune")
        if quartier and commune and quartier.commune_id != commune.pk:
            self.add_error("quartier", _("Ce quartier n'appartient pas à la commune choisie."))
        elif quartier and not commune and "commune" not in self.errors:
            data["commune"] = quartier.commune
        return data

    @property
    def team(self) -> Team:
        """The team of the youth: the commune's, or the user's only team."""
        commune = self.cleaned_data.get("commune")
        return commune.team if commune else self.teams[0]

    def youth_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def initial_from(self, instance: Youth) -> dict[str, Any]:
        return forms.models.model_to_dict(instance, fields=self.Meta.fields)


class YouthCreateForm(YouthForm):
    """A new youth, entered as quickly as the other entries: commune and quartier pre-filled
    with the educator's usual ones, and an identifier for an entry made on the phone."""

    not_a_duplicate = forms.BooleanField(
        label=_("Ce n'est pas la même personne, créer quand même"), required=False
    )
    # The page gives every entry a new identifier (offline.js); this one serves browsers
    # without JavaScript, where each page shown is one entry.
    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, teams: QuerySet[Team], user: User, **kwargs: Any) -> None:
        super().__init__(*args, teams=teams, **kwargs)
        commune, quartier = usual_place(user=user, communes=self.fields["commune"].queryset)
        self.initial.setdefault("commune", commune)
        self.initial.setdefault("quartier", quartier)


class YouthFilterForm(forms.Form):
    """The list's search and filters; every field may stay empty."""

    q = forms.CharField(
        label=_("Rechercher un jeune"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Prénom, surnom, code, quartier"),
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    modality = forms.ChoiceField(label=_("Modalité actuelle"), required=False)
    situation = forms.ChoiceField(label=_("Situation actuelle"), required=False)
    last_contact = forms.ChoiceField(
        label=_("Dernier contact"),
        required=False,
        choices=[("", _("Tous")), *LastContact.choices],
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Commune.objects.none(), empty_label=_("Toutes")
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = teams.values("organisation")
        self.modalities = {str(m.pk): m for m in Modality.objects.filter(organisation__in=organisations)}
        self.situations = {str(s.pk): s for s in Situation.objects.filter(organisation__in=organisations)}
        self.fields["modality"].choices = [
            ("", _("Toutes")),
            *((pk, m.label) for pk, m in sorted(self.modalities.items(), key=lambda i: i[1].rank)),
            (WITHOUT, _("Sans accompagnement en cours")),
        ]
        self.fields["situation"].choices = [
            ("", _("Toutes")),
            *((pk, s.label) for pk, s in self.situations.items()),
            (WITHOUT, _("Non renseignée")),
        ]
        self.fields["commune"].queryset = Commune.objects.filter(team__in=teams)

    def filters(self) -> dict[str, Any]:
        """The arguments of ``queries.youth_list``; an invalid form filters nothing."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"],
            "modality": self.modalities.get(data["modality"], data["modality"] or None),
            "situation": self.situations.get(data["situation"], data["situation"] or None),
            "last_contact": data["last_contact"],
            "commune": data["commune"],
        }

    @property
    def has_filters(self) -> bool:
        return self.is_valid() and any(
            self.cleaned_data[name] for name in ("modality", "situation", "last_contact", "commune")
        )


class ModalityChangeForm(forms.Form):
    modality = forms.ModelChoiceField(
        label=_("Nouvelle modalité"),
        queryset=Modality.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    start = forms.DateField(label=_("À partir du"), widget=DateInput())
    referents = forms.ModelMultipleChoiceField(
        label=_("Éducateur·rices référent·es"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, youth: Youth, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["modality"].queryset = Modality.objects.filter(
            organisation=youth.team.organisation_id, is_active=True
        ).order_by("rank")
        self.fields["referents"].queryset = team_educators(team=youth.team)
        self.initial.setdefault("start", timezone.localdate())

    def clean_start(self) -> datetime.date:
        day = self.cleaned_data["start"]
        _not_in_future(day)
        return day


class AccompanimentEndForm(forms.Form):
    end = forms.DateField(label=_("Dernier jour de l'accompagnement"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("end", timezone.localdate())


class SituationForm(forms.Form):
    situation = forms.ModelChoiceField(
        label=_("Situation"), queryset=Situation.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    since = forms.DateField(label=_("Depuis le"), widget=DateInput())

    def __init__(self, *args: Any, youth: Youth, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["situation"].queryset = Situation.objects.filter(
            organisation=youth.team.organisation_id, is_active=True
        )
        self.initial.setdefault("since", timezone.localdate())

    def clean_since(self) -> datetime.date:
        day = self.cleaned_data["since"]
        _not_in_future(day)
        return day


class MergeSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher l'autre fiche"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Prénom, surnom, code, quartier"),
                "autocomplete": "off",
            }
        ),
    )
