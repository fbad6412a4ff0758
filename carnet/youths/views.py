"""The youth screens: list and search, a youth's page, create and edit, accompaniment, situation, merge.

Every view checks its capability with ``require`` and reads youths through the permission
layer (``visible_to``): a youth of another team is not found (404), and every youth shown,
in a page, a form or a list, is written to the audit log.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from carnet.access.permissions import Capability, has_capability, require
from carnet.access.visibility import visible_to
from carnet.editing.versions import EditConflict
from carnet.offline import sync
from carnet.offline.pages import available_offline
from carnet.offline.services import sent_record

from . import queries, services
from .forms import (
    AccompanimentEndForm,
    MergeSearchForm,
    ModalityChangeForm,
    SituationForm,
    YouthCreateForm,
    YouthFilterForm,
    YouthForm,
)
from .models import Youth, YouthMerge


def _is_htmx(request: HttpRequest) -> bool:
    # A history restore asks for the whole page, not a fragment.
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def _template(request: HttpRequest, page: str, partial: str) -> str:
    return f"{page}#{partial}" if _is_htmx(request) else page


def _youth(request: HttpRequest, pk: int, *, archived: bool = False) -> Youth:
    """A youth of the request's teams; archived (merged) records only when ``archived``.

    Files in the restricted archive of the retention rule are never found here."""
    youths = visible_to(request).youths(merged=archived)
    return get_object_or_404(
        youths.select_related("team", "commune", "quartier", "origin", "merged_into"), pk=pk
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _apply(request: HttpRequest, form, youth: Youth, change, success: str) -> HttpResponse | None:
    """Run ``change(**form.cleaned_data)`` for a valid form: a redirect to the youth's page
    with ``success``, or None with the service's refusals, or a stale form's conflict, shown
    on the form."""
    if not form.is_valid():
        return None
    try:
        change(**form.cleaned_data)
    except ValidationError as error:
        _add_errors(form, error)
        return None
    except EditConflict as conflict:
        form.show_conflict(conflict.current)
        return None
    messages.success(request, success)
    return redirect("youths:detail", pk=youth.pk)


def _likely_duplicates(request: HttpRequest, form: YouthForm) -> list[Youth]:
    data = form.cleaned_data
    candidates = queries.duplicate_candidates(
        youths=visible_to(request).youths(),
        team=form.team,
        first_name=data["first_name"],
        nickname=data["nickname"],
        birth_year=data["birth_year"],
        commune=data["commune"],
        exclude=form.instance if form.instance.pk else None,
    )
    return list(candidates)


@require(Capability.VIEW_YOUTHS)
def youth_list(request: HttpRequest) -> HttpResponse:
    form = YouthFilterForm(request.GET, teams=request.teams)
    youths = queries.youth_list(
        youths=visible_to(request).youths(), today=timezone.localdate(), **form.filters()
    )
    page = Paginator(youths, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, _template(request, "youths/list.html", "results"), context)


@require(Capability.VIEW_YOUTHS)
def youth_detail(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk, archived=True)
    context = {
        "page": queries.youth_page(youth=youth, today=timezone.localdate()),
        "youth": youth,
        "can_record": has_capability(request.user, Capability.RECORD_ACTIVITY, team=youth.team),
    }
    return render(request, "youths/detail.html", context)


@require(Capability.RECORD_ACTIVITY)
@available_offline
def youth_create(request: HttpRequest) -> HttpResponse:
    """A new youth, quickly; the phone may send one entered without network (``sync``)."""
    form = YouthCreateForm(request.POST or None, teams=request.teams, user=request.user)
    duplicates = []
    if form.is_valid():
        client_uuid = form.cleaned_data["client_uuid"]
        # An entry sent again is its own first copy, not a likely duplicate of it.
        sent = sent_record(Youth, created_by=request.user, client_uuid=client_uuid)
        duplicates = [] if sent else _likely_duplicates(request, form)
        if not duplicates or form.cleaned_data["not_a_duplicate"]:
            try:
                youth = services.youth_create(
                    team=form.team, user=request.user, client_uuid=client_uuid, **form.youth_fields()
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if sync.is_sync(request):
                    return sync.saved(youth, url=reverse("youths:detail", args=[youth.pk]))
                messages.success(request, _("Fiche de %(name)s créée.") % {"name": youth.display_name})
                return redirect("youths:detail", pk=youth.pk)
    if sync.is_sync(request):
        return sync.refused(form, extra=_duplicate_reasons(duplicates))
    return render(request, "youths/quick_form.html", {"form": form, "duplicates": duplicates})


def _duplicate_reasons(duplicates: list[Youth]) -> list[str]:
    if not duplicates:
        return []
    names = ", ".join(youth.display_name for youth in duplicates)
    return [
        _(
            "Ce jeune a peut-être déjà une fiche (%(names)s) : ouvrez la saisie pour vérifier, "
            "et cochez « Ce n'est pas la même personne » pour la créer quand même."
        )
        % {"names": names}
    ]


@require(Capability.RECORD_ACTIVITY)
def youth_duplicates_hint(request: HttpRequest) -> HttpResponse:
    """While the create form is filled in: the records it may duplicate (htmx only, a hint)."""
    form = YouthForm(request.GET, teams=request.teams)
    duplicates = _likely_duplicates(request, form) if form.is_valid() else []
    return render(request, "youths/form.html#duplicate_hint", {"duplicates": duplicates})


@require(Capability.RECORD_ACTIVITY)
def youth_edit(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    form = YouthForm(request.POST or None, instance=youth, teams=request.teams)
    if form.is_valid():
        try:
            services.youth_update(
                youth=youth, user=request.user, version=form.cleaned_data["version"], **form.youth_fields()
            )
        except ValidationError as error:
            _add_errors(form, error)
        except EditConflict as conflict:
            form.show_conflict(conflict.current)
        else:
            messages.success(request, _("Fiche enregistrée."))
            return redirect("youths:detail", pk=youth.pk)
    context = {"form": form, "youth": youth, "creating": False}
    return render(request, "youths/form.html", context, status=409 if form.stale else 200)


@require(Capability.RECORD_ACTIVITY)
def modality_change(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    current = services.open_period(youth=youth)
    initial = {"referents": list(current.referents.all()) if current else [request.user]}
    form = ModalityChangeForm(request.POST or None, youth=youth, initial=initial)
    change = partial(services.accompaniment_change, youth=youth, user=request.user)
    if done := _apply(request, form, youth, change, _("Modalité d'accompagnement enregistrée.")):
        return done
    context = {"form": form, "youth": youth, "current": current}
    return render(request, _template(request, "youths/modality_form.html", "form"), context)


@require(Capability.RECORD_ACTIVITY)
def accompaniment_end(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    current = services.open_period(youth=youth)
    form = AccompanimentEndForm(request.POST or None)
    change = partial(services.accompaniment_end, youth=youth, user=request.user)
    if done := _apply(request, form, youth, change, _("Accompagnement terminé.")):
        return done
    context = {"form": form, "youth": youth, "current": current}
    return render(request, _template(request, "youths/end_form.html", "form"), context)


@require(Capability.RECORD_ACTIVITY)
def situation_change(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    form = SituationForm(request.POST or None, youth=youth)
    change = partial(services.situation_record, youth=youth)
    if done := _apply(request, form, youth, change, _("Situation enregistrée.")):
        return done
    return render(
        request, _template(request, "youths/situation_form.html", "form"), {"form": form, "youth": youth}
    )


@require(Capability.RECORD_ACTIVITY)
def merge_choose(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    form = MergeSearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    candidates = queries.merge_candidates(youths=visible_to(request).youths(), youth=youth, search=search)
    context = {"form": form, "youth": youth, "candidates": candidates, "search": search}
    return render(request, _template(request, "youths/merge_choose.html", "candidates"), context)


@require(Capability.RECORD_ACTIVITY)
def merge_confirm(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    kept, merged = _youth(request, pk), _youth(request, other)
    if request.method == "POST":
        try:
            services.youth_merge(kept=kept, merged=merged, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Fiches fusionnées : %(name)s est conservée.") % {"name": kept.display_name}
            )
            return redirect("youths:detail", pk=kept.pk)
    today = timezone.localdate()
    context = {
        "kept": queries.youth_page(youth=kept, today=today),
        "merged": queries.youth_page(youth=merged, today=today),
    }
    return render(request, "youths/merge_confirm.html", context)


@require(Capability.RECORD_ACTIVITY)
@require_POST
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    merge = get_object_or_404(YouthMerge.objects.filter(kept__in=visible_to(request).youths()), pk=pk)
    try:
        services.youth_merge_undo(merge=merge, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Fusion annulée : les deux fiches sont de nouveau séparées."))
    return redirect("youths:detail", pk=merge.kept_id)
