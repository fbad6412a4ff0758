from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import two_factor
from .audit_sentences import changes, sentence
from .models import AuditAction, User
from .permissions import Capability, active_memberships, require
from .queries import audit_events_for, audit_people_for

TARGET_TYPES = [
    ("", _("Tous")),
    ("youths.youth", _("Jeune")),
    ("activity.intervention", _("Intervention")),
    ("activity.collectiveaction", _("Action collective")),
    ("activity.presencesession", _("Présence sociale")),
    ("reports.issuedreport", _("Bilan émis")),
    ("organisations.team", _("Équipe (bilans, exports)")),
]


class AuditFilterForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Personne"), queryset=User.objects.none(), required=False)
    youth = forms.IntegerField(label=_("N° du jeune"), required=False, min_value=1)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Toutes")), *AuditAction.choices], required=False
    )
    target_type = forms.ChoiceField(label=_("Type d'objet"), choices=TARGET_TYPES, required=False)
    start = forms.DateField(label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda user: user.get_full_name() or user.username


@require(Capability.VIEW_AUDIT)
def audit_log(request):
    form = AuditFilterForm(request.GET or None, people=audit_people_for(user=request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events_for(user=request.user, filters=filters)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    lines = [(event, sentence(event), changes(event)) for event in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "lines": lines, "query": query.urlencode()}
    return render(request, "access/audit_log.html", context)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code à 6 chiffres"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}
        ),
    )


def account(request):
    context = {
        "memberships": active_memberships(request.user).select_related("team", "organisation"),
        "device": two_factor.confirmed_device(request.user),
        "required": two_factor.two_factor_required(request.user),
    }
    return render(request, "access/account.html", context)


def two_factor_setup(request):
    if not two_factor.may_enrol(request=request, user=request.user):
        # A new device is set up from a session verified with the current one, never with the
        # password alone.
        return redirect(f"{reverse('access:two_factor_verify')}?next={request.path}")
    device = two_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_device(request=request, device=device, code=form.cleaned_data["code"]):
            messages.success(request, gettext("Double authentification activée."))
            return redirect("home")
        form.add_error("code", gettext("Code incorrect : vérifiez l'heure de votre téléphone et réessayez."))
    context = {
        "form": form,
        "qr_svg": two_factor.provisioning_svg(device),
        "secret": two_factor.secret_for_manual_entry(device),
        "required": two_factor.two_factor_required(request.user),
    }
    return render(request, "access/two_factor_setup.html", context)


def two_factor_verify(request):
    form = CodeForm(request.POST or None)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request=request, code=form.cleaned_data["code"]):
            return redirect(next_url or "home")
        form.add_error("code", gettext("Code incorrect ou expiré."))
    return render(request, "access/two_factor_verify.html", {"form": form})
