"""What the team plans: who goes where, when; the weekly team meeting's agenda and decisions.

A planned street presence, once done, becomes a recorded ``PresenceSession``
(``recorded_session``). Planned events hold no youth: the agenda is shared in
calendars (the iCalendar feed) that leave Carnet.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from carnet.editing.versions import Versioned


class EventKind(models.TextChoices):
    PRESENCE = "presence", _("Présence sociale")
    ACTION = "action", _("Action collective")
    MEETING = "meeting", _("Réunion partenariale")
    TEAM_MEETING = "team_meeting", _("Réunion d'équipe")


class PlannedEvent(Versioned):
    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, related_name="planned_events")
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("intitulé"), max_length=120, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("début"))
    end_time = models.TimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=120, blank=True)
    commune = models.ForeignKey(
        "organisations.Commune", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    quartier = models.ForeignKey(
        "organisations.Quartier", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    presence_kind = models.ForeignKey(
        "referentials.PresenceKind",
        verbose_name=_("type de présence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("qui"), related_name="planned_events", blank=True
    )
    agenda = models.TextField(_("ordre du jour"), max_length=4000, blank=True)
    decisions = models.TextField(_("relevé de décisions"), max_length=4000, blank=True)
    recorded_session = models.OneToOneField(
        "activity.PresenceSession",
        verbose_name=_("présence enregistrée"),
        on_delete=models.SET_NULL,
        related_name="planned_event",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("événement prévu")
        verbose_name_plural = _("agenda de l'équipe")
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="plannedevent_ends_after_it_starts",
                violation_error_message=_("L'heure de fin doit suivre l'heure de début."),
            ),
            models.CheckConstraint(
                condition=Q(recorded_session__isnull=True) | Q(kind="presence"),
                name="plannedevent_only_presence_is_recorded",
            ),
        ]
        indexes = [models.Index(fields=["team", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y} {self.start_time:%H:%M}"

    @property
    def duration_minutes(self) -> int:
        start = datetime.datetime.combine(self.date, self.start_time)
        return int((datetime.datetime.combine(self.date, self.end_time) - start).total_seconds() // 60)


class CalendarFeed(models.Model):
    """A user's private iCalendar address; revoking it deletes the token, so the old address
    answers 404 from then on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement d'agenda")
        verbose_name_plural = _("abonnements d'agenda")

    def __str__(self) -> str:
        return f"Agenda de {self.user}"
