"""Team leaders edit their organisation's referentials: add, rename, retire, restore."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from carnet.access.permissions import Capability, require
from carnet.organisations.models import Organisation

from .forms import referential_form_class
from .registry import BY_SLUG, KINDS
from .services import referential_save, referential_set_active


def _organisation(request) -> Organisation:
    organisations = Organisation.objects.filter(teams__in=request.teams).distinct()
    chosen = request.GET.get("organisation") or request.POST.get("organisation")
    if chosen:
        return get_object_or_404(organisations, pk=chosen)
    return organisations.first()


def _kind(slug: str):
    if slug not in BY_SLUG:
        raise Http404
    return BY_SLUG[slug]


@require(Capability.EDIT_REFERENTIALS)
def index(request):
    return render(
        request, "referentials/index.html", {"kinds": KINDS, "organisation": _organisation(request)}
    )


@require(Capability.EDIT_REFERENTIALS)
def values(request, slug):
    kind, organisation = _kind(slug), _organisation(request)
    value = None
    if edit := request.GET.get("modifier"):
        value = get_object_or_404(kind.model.objects.filter(organisation=organisation), pk=edit)
    form_class = referential_form_class(kind)
    form = form_class(request.POST or None, instance=value or kind.model(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        try:
            referential_save(value=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("« %(label)s » enregistré.") % {"label": form.instance.label})
            return redirect("referentials:values", slug=slug)
    rows = kind.model.objects.filter(organisation=organisation)
    context = {"kind": kind, "rows": rows, "form": form, "editing": value, "organisation": organisation}
    return render(request, "referentials/values.html", context)


@require(Capability.EDIT_REFERENTIALS)
@require_POST
def toggle(request, slug, pk):
    kind = _kind(slug)
    organisations = Organisation.objects.filter(teams__in=request.teams)
    value = get_object_or_404(kind.model.objects.filter(organisation__in=organisations), pk=pk)
    referential_set_active(value=value, active=not value.is_active)
    if value.is_active:
        messages.success(
            request, _("« %(label)s » est de nouveau proposé à la saisie.") % {"label": value.label}
        )
    else:
        messages.success(
            request,
            _("« %(label)s » est retiré : il n'est plus proposé, l'historique le garde.")
            % {"label": value.label},
        )
    return redirect("referentials:values", slug=slug)
