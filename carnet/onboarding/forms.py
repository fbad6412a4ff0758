from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from carnet.access.models import Role
from carnet.organisations.models import Commune, FunderLevel, Organisation, Team


class ServiceForm(forms.Form):
    """A form of the organisation being set up, whose cleaned data are the keyword arguments
    of one service function."""

    # Services that write into the organisation itself (a team, a funder) are given it.
    needs_organisation = False

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def service_kwargs(self) -> dict:
        extra = {"organisation": self.organisation} if self.needs_organisation else {}
        return {**self.cleaned_data, **extra}

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            self.add_error(key if key in self.fields else None, errors)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Nom de l'association"), max_length=200)
    address = forms.CharField(label=_("Adresse"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    dpo_contact = forms.CharField(label=_("Contact du DPO"), max_length=200, required=False)
    require_two_factor = forms.BooleanField(
        label=_("Double authentification obligatoire pour les rôles qui voient les données des jeunes"),
        required=False,
    )


class TeamForm(ServiceForm):
    needs_organisation = True
    name = forms.CharField(label=_("Nom de l'équipe"), max_length=200)
    short_name = forms.CharField(label=_("Sigle"), max_length=40, required=False)
    start_date = forms.DateField(
        label=_("Début d'activité"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CommuneForm(ServiceForm):
    team = forms.ModelChoiceField(label=_("Équipe"), queryset=Team.objects.none())
    name = forms.CharField(label=_("Commune"), max_length=120)
    insee_code = forms.CharField(
        label=_("Code INSEE"),
        max_length=5,
        required=False,
        help_text=_("Facultatif ; 5 caractères, par exemple 62498 (Lens) ou 2A004 (Ajaccio)."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=organisation)


class QuartierForm(ServiceForm):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Commune.objects.none())
    name = forms.CharField(label=_("Quartier"), max_length=120)
    is_qpv = forms.BooleanField(
        label=_("Quartier prioritaire de la politique de la ville (QPV)"), required=False
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["commune"].queryset = Commune.objects.filter(
            team__organisation=organisation
        ).select_related("team")


class FunderForm(ServiceForm):
    needs_organisation = True
    name = forms.CharField(label=_("Financeur"), max_length=200)
    level = forms.ChoiceField(label=_("Niveau"), choices=FunderLevel.choices)
    teams = forms.ModelMultipleChoiceField(
        label=_("Équipes financées"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(organisation=organisation)

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "teams": list(self.cleaned_data["teams"])}


class RoleForm(ServiceForm):
    needs_organisation = True
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)
    team = forms.ModelChoiceField(
        label=_("Équipe"),
        queryset=Team.objects.none(),
        required=False,
        help_text=_("Pour les éducateur·rices et chef·fes de service."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=organisation)


class InviteForm(RoleForm):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Courriel"),
        required=False,
        help_text=_("Facultatif : le lien d'invitation s'affiche ici, à transmettre vous-même."),
    )
    field_order = ["first_name", "last_name", "email", "role", "team"]


class InvitationAcceptForm(SetPasswordForm):
    """Choosing one's password, and the code of the authenticator app when the role needs one."""

    code = forms.CharField(
        label=_("Code à 6 chiffres de l'application"),
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, user, *args, needs_code: bool, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["code"].required = needs_code
        if not needs_code:
            del self.fields["code"]
