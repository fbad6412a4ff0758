from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from carnet.activity.queries import communes_of
from carnet.editing.forms import VersionedForm

from .models import Commune, Funder, FunderLevel, Organisation, Partner, PartnerType, Team


class PartnerForm(VersionedForm, forms.Form):
    """A partner of the organisation; its commune is one the organisation's teams cover."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    name = forms.CharField(label=_("Nom"), max_length=200)
    partner_type = forms.ChoiceField(label=_("Type"), choices=PartnerType.choices)
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.none(),
        required=False,
        empty_label=_("— plusieurs communes ou hors territoire —"),
    )
    is_active = forms.BooleanField(
        label=_("Partenaire actif"),
        required=False,
        help_text=_("Un partenaire inactif n'est plus proposé dans les saisies ; les anciennes le gardent."),
    )

    def __init__(
        self,
        data=None,
        *,
        teams: QuerySet[Team],
        organisations: QuerySet[Organisation],
        instance: Partner | None = None,
        **kwargs: Any,
    ):
        super().__init__(data, **kwargs)
        self.instance = instance
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["commune"].queryset = communes_of(teams=teams)
        if instance is not None:
            self.initial.update(self.initial_from(instance))
        else:
            self.initial.update({"organisation": organisations.first(), "is_active": True})
        self.track_version(instance)

    def initial_from(self, instance: Partner) -> dict[str, Any]:
        return forms.models.model_to_dict(instance, fields=list(self.fields))

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if self.instance is not None:
            data.pop("organisation")
        return data

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            self.add_error(key if key in self.fields else None, errors)


LOGO_MAX_BYTES = 2 * 1024 * 1024


class FunderForm(forms.Form):
    """A funder of the organisation, its level, the teams it funds and its logo."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    name = forms.CharField(label=_("Nom"), max_length=200)
    level = forms.ChoiceField(label=_("Niveau"), choices=FunderLevel.choices)
    teams = forms.ModelMultipleChoiceField(
        label=_("Équipes financées"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo = forms.ImageField(
        label=_("Logo (PNG ou JPEG, 2 Mo au plus)"),
        required=False,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"])],
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Retirer le logo actuel"), required=False)

    def __init__(self, data=None, files=None, *, organisations, teams, instance: Funder | None = None, **kw):
        super().__init__(data, files, **kw)
        self.instance = instance
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["teams"].queryset = teams.order_by("name")
        if instance is not None:
            self.initial.update(
                organisation=instance.organisation_id,
                name=instance.name,
                level=instance.level,
                teams=[team.pk for team in instance.teams.all()],
            )
        else:
            self.initial.update(organisation=organisations.first())

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and logo.size > LOGO_MAX_BYTES:
            raise ValidationError(_("Ce logo pèse plus de 2 Mo : réduisez-le avant de l'envoyer."))
        return logo

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if self.instance is not None:
            data["organisation"] = self.instance.organisation
        return {**data, "funder": self.instance}

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)
