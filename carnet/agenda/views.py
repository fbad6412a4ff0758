"""The team's agenda: the week, planning and changing an event, a presence recorded in one tap,
and each person's private calendar address."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from carnet.access.permissions import Capability, require
from carnet.editing.versions import EditConflict

from . import ical, queries, services
from .forms import PlannedEventForm
from .models import CalendarFeed, PlannedEvent

TEMPLATE = "agenda/event_form.html"


def _event(request: HttpRequest, pk: int) -> PlannedEvent:
    return get_object_or_404(queries.events_of(teams=request.teams), pk=pk)


def _week_url(day: datetime.date) -> str:
    return f"{reverse('agenda:week')}?semaine={queries.monday_of(day):%Y-%m-%d}"


@require(Capability.RECORD_ACTIVITY)
def week(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        day = datetime.date.fromisoformat(request.GET.get("semaine", ""))
    except ValueError:
        day = today
    the_week = queries.week(teams=request.teams, monday=queries.monday_of(day))
    return render(request, "agenda/week.html", {"week": the_week, "today": today})


def _save(request: HttpRequest, form: PlannedEventForm) -> PlannedEvent | None:
    if not form.is_valid():
        return None
    try:
        return services.planned_event_save(**form.service_kwargs())
    except ValidationError as error:
        form.add_service_errors(error)
    except EditConflict as conflict:
        form.show_conflict(conflict.current)
    return None


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    form = PlannedEventForm(request.POST or None, teams=request.teams, user=request.user)
    if event := _save(request, form):
        if weeks := form.cleaned_data.get("repeat_weeks"):
            services.planned_event_repeat(event=event, weeks=weeks)
        messages.success(request, _("Ajouté à l'agenda."))
        return redirect(_week_url(event.date))
    return render(request, TEMPLATE, {"form": form})


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def event_update(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = PlannedEventForm(request.POST or None, teams=request.teams, user=request.user, instance=event)
    if _save(request, form):
        messages.success(request, _("Agenda modifié."))
        return redirect(_week_url(event.date))
    return render(request, TEMPLATE, {"form": form, "record": event}, status=409 if form.stale else 200)


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if request.method == "POST":
        services.planned_event_delete(event=event)
        messages.success(request, _("Retiré de l'agenda."))
        return redirect(_week_url(event.date))
    return render(request, "agenda/confirm_delete.html", {"event": event})


@require(Capability.RECORD_ACTIVITY)
@require_POST
def presence_record(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap once the presence is done: the session is recorded, then opened to add the youths met."""
    event = _event(request, pk)
    try:
        session = services.planned_presence_record(event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_week_url(event.date))
    messages.success(request, _("Présence enregistrée : ajoutez les jeunes rencontrés si besoin."))
    return redirect("activity:presence_update", pk=session.pk)


@require(Capability.RECORD_ACTIVITY)
@require_http_methods(["GET", "POST"])
def feed_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, _("Adresse révoquée : les calendriers abonnés ne reçoivent plus rien."))
        else:
            services.calendar_feed_renew(user=request.user)
            messages.success(request, _("Nouvelle adresse créée : l'ancienne ne fonctionne plus."))
        return redirect("agenda:feed_settings")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    address = request.build_absolute_uri(reverse("agenda:feed", args=[feed.token])) if feed else ""
    return render(request, "agenda/feed_settings.html", {"feed": feed, "address": address})


@login_not_required
def feed(request: HttpRequest, feed: str) -> HttpResponse:
    """The private address a calendar reads: the token is the only key, so it is long and revocable."""
    feeds = CalendarFeed.objects.filter(token=feed, user__is_active=True).select_related("user")
    calendar_feed = feeds.first()
    if calendar_feed is None:
        raise Http404("Unknown or revoked calendar feed")
    events = queries.feed_events(user=calendar_feed.user, today=timezone.localdate())
    content = ical.calendar_bytes(events=events, host=request.get_host())
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")
