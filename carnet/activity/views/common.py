"""What the entry, list and delete pages share, so that each view reads in a few lines."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from carnet.editing.versions import EditConflict
from carnet.offline import sync

from .. import queries
from ..forms import SEARCH_BUTTON, EntryForm

R = TypeVar("R", bound=Model)
# The list a record was saved to is opened with ?enregistre=<id>: the page offers to
# record another one and marks the record just saved.
SAVED_PARAM = "enregistre"


def entry_form(
    form_class: type[EntryForm], request: HttpRequest, *, instance: Model | None = None
) -> EntryForm:
    """The form bound to a POST to save, or pre-filled from a link or a search without JavaScript."""
    kwargs = {"teams": request.teams, "user": request.user, "instance": instance}
    if request.method == "POST" and SEARCH_BUTTON not in request.POST:
        return form_class(request.POST, **kwargs)
    data = request.POST if request.method == "POST" else request.GET
    form = form_class(search=data, **kwargs)
    form.prefill(data, complete=request.method == "POST")
    return form


def saved(form: EntryForm | Form, save: Callable[..., R]) -> R | None:
    """The record ``save`` returns from the form's data, or None with the errors put on the
    form, or with both values of each field when another session saved the record first."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return save(**form.service_kwargs())
    except ValidationError as error:
        form.add_service_errors(error)
        return None
    except EditConflict as conflict:
        form.show_conflict(conflict.current)
        return None


def edit_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The edit form again: with its errors, or refused (409) when it was stale."""
    return render(request, template, context, status=409 if context["form"].stale else 200)


def saved_redirect(request: HttpRequest, list_name: str, record: Model, message: str) -> HttpResponse:
    """The list, the record marked; the phone sending an entry it kept gets the record in JSON."""
    url = f"{reverse(list_name)}?{SAVED_PARAM}={record.pk}"
    if sync.is_sync(request):
        return sync.saved(record, url=url)
    messages.success(request, message)
    return redirect(url)


def form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The form again, with its errors; the phone sending an entry it kept gets the reasons."""
    if sync.is_sync(request):
        return sync.refused(context["form"])
    return render(request, template, context)


def list_page(request: HttpRequest, records: QuerySet, template: str) -> HttpResponse:
    saved_pk = request.GET.get(SAVED_PARAM, "")
    context = {
        "page": queries.page_of(records, number=request.GET.get("page")),
        "saved_pk": int(saved_pk) if saved_pk.isdigit() else None,
        "several_teams": request.teams.count() > 1,
    }
    return render(request, template, context)


def confirm_delete(
    request: HttpRequest, *, record: Model, delete: Callable[[], None], message: str, list_name: str
) -> HttpResponse:
    """A confirmation page on GET; the record is deleted only by the page's POST."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            return _delete_page(request, record, list_name, error=error.messages[0], status=409)
        messages.success(request, message)
        return redirect(list_name)
    return _delete_page(request, record, list_name)


def _delete_page(
    request: HttpRequest, record: Model, list_name: str, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = {"record": record, "cancel_url": reverse(list_name), "error": error}
    return render(request, "activity/confirm_delete.html", context, status=status)
