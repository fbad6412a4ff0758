from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .models import AuditAction
from .permissions import Capability, require
from .queries import audit_events_for

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
    username = forms.CharField(label=_("Identifiant"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Toutes")), *AuditAction.choices], required=False
    )
    target_type = forms.ChoiceField(label=_("Type d'objet"), choices=TARGET_TYPES, required=False)
    target_id = forms.CharField(label=_("N° de l'objet"), required=False)
    start = forms.DateField(label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@require(Capability.VIEW_AUDIT)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events_for(user=request.user, filters=filters)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "access/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})
