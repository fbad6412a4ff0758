"""The form of a quartier's territorial diagnostic."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from carnet.editing.forms import VersionedForm
from carnet.organisations.models import Partner, Quartier, Team

from .. import queries
from ..diagnostic_services import needs_from_text
from ..models import TerritorialDiagnostic
from .base import DateInput

SHARED = _("Partagé avec les partenaires : aucun nom de jeune ni donnée personnelle.")


class DiagnosticForm(VersionedForm, forms.Form):
    quartier = forms.ModelChoiceField(label=_("Quartier"), queryset=Quartier.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput())
    partners = forms.ModelMultipleChoiceField(
        label=_("Partenaires associés"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Observations"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=SHARED,
    )
    needs = forms.CharField(
        label=_("Besoins identifiés"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Un besoin par ligne, en quelques mots."),
    )
    resources = forms.CharField(
        label=_("Ressources du quartier"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=SHARED,
    )

    def __init__(
        self, *args: Any, teams: QuerySet[Team], instance: TerritorialDiagnostic | None = None, **kw
    ):
        if instance is not None:
            kw.setdefault("initial", self.initial_from(instance))
        super().__init__(*args, **kw)
        self.instance = instance
        self.track_version(instance)
        self.fields["quartier"].queryset = queries.quartiers_of(teams=teams)
        self.fields["quartier"].label_from_instance = lambda q: f"{q.name} ({q.commune.name})"
        include = [partner.pk for partner in instance.partners.all()] if instance else []
        self.fields["partners"].queryset = queries.active_partners_of(teams=teams, include=include)

    def initial_from(self, instance: TerritorialDiagnostic) -> dict[str, Any]:
        return {
            "quartier": instance.quartier_id,
            "date": instance.date,
            "partners": [partner.pk for partner in instance.partners.all()],
            "summary": instance.summary,
            "needs": "\n".join(need.label for need in instance.needs.all()),
            "resources": instance.resources,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["needs"] = needs_from_text(data["needs"])
        data["team"] = data["quartier"].commune.team
        return {**data, "diagnostic": self.instance}

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)
