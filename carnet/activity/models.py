"""The work a team records: interventions, collective actions, street presence,
partnership meetings and territorial diagnostics."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from carnet.editing.versions import Versioned
from carnet.offline.models import OfflineEntry, unique_client_uuid

# Notes are short on purpose: they record the work, never an account of offences
# or health details (GDPR art. 9 and 10).
NOTE_MAX_LENGTH = 280


# Records imported from a team's spreadsheets keep the identifier the file gives them (or the
# one Carnet's export writes), so that a corrected row imported again updates its record.
def _external_id():
    return models.CharField(_("identifiant externe"), max_length=60, blank=True)


def _unique_external_id(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["team", "external_id"], condition=Q(external_id__gt=""), name=name)


class InterventionKind(models.TextChoices):
    INTERVIEW = "interview", _("Entretien")
    STEP = "step", _("Démarche")
    ESCORT = "escort", _("Accompagnement physique")
    CONTACT = "contact", _("Contact (téléphone, message)")
    OTHER = "other", _("Autre")


class Intervention(OfflineEntry, Versioned):
    """One piece of work with or for a youth on a day, tagged with domains."""

    # Both foreign keys are indexed by the composite indexes below, which start with them.
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="interventions", db_index=False
    )
    external_id = _external_id()
    youth = models.ForeignKey(
        "youths.Youth", on_delete=models.CASCADE, related_name="interventions", db_index=False
    )
    date = models.DateField(_("date"))
    kind = models.CharField(
        _("type"), max_length=20, choices=InterventionKind.choices, default=InterventionKind.INTERVIEW
    )
    educators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("éducateur·rices"), related_name="interventions", blank=True
    )
    domains = models.ManyToManyField(
        "referentials.Domain", verbose_name=_("domaines"), related_name="interventions"
    )
    partners = models.ManyToManyField(
        "organisations.Partner",
        verbose_name=_("partenaires mobilisés"),
        related_name="interventions",
        blank=True,
    )
    note = models.CharField(_("note factuelle"), max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["-date", "-id"]
        indexes = [
            # The youth too, so that a report reads a team's interventions of the period from
            # the index alone (a covering index: docs/performance.md).
            models.Index(fields=["team", "date", "youth"], name="intervention_team_date_youth"),
            # Whether a youth has a contact of their team in a period (R1) is one probe of this
            # index per youth; with (youth, date), SQLite chose the team's index above and read
            # the team's whole year for every youth (3 s for an organisation's year at L).
            models.Index(fields=["youth", "team", "date"], name="intervention_youth_team_date"),
        ]
        constraints = [
            _unique_external_id("intervention_unique_external_id"),
            unique_client_uuid("intervention_unique_client_uuid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"


class ActionRole(models.TextChoices):
    INITIATED = "initiated", _("Initiée par l'équipe")
    ASSOCIATED = "associated", _("Équipe associée")


class CollectiveAction(OfflineEntry, Versioned):
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="collective_actions"
    )
    external_id = _external_id()
    action_type = models.ForeignKey(
        "referentials.ActionType", verbose_name=_("type"), on_delete=models.PROTECT
    )
    title = models.CharField(_("intitulé"), max_length=200)
    start_date = models.DateField(_("date de début"))
    end_date = models.DateField(_("date de fin"))
    commune = models.ForeignKey(
        "organisations.Commune",
        on_delete=models.PROTECT,
        related_name="collective_actions",
        null=True,
        blank=True,
    )
    quartier = models.ForeignKey(
        "organisations.Quartier",
        on_delete=models.PROTECT,
        related_name="collective_actions",
        null=True,
        blank=True,
    )
    role = models.CharField(
        _("rôle de l'équipe"), max_length=20, choices=ActionRole.choices, default=ActionRole.INITIATED
    )
    commune_event = models.BooleanField(_("événement initié par la commune"), default=False)
    after_needs_study = models.BooleanField(_("décidée après étude de besoin"), default=False)
    participants = models.ManyToManyField(
        "youths.Youth", verbose_name=_("jeunes connus"), related_name="collective_actions", blank=True
    )
    anonymous_male = models.PositiveIntegerField(_("autres participants (garçons)"), default=0)
    anonymous_female = models.PositiveIntegerField(_("autres participantes (filles)"), default=0)
    anonymous_non_binary = models.PositiveIntegerField(_("autres participant·es (non binaires)"), default=0)
    partners = models.ManyToManyField(
        "organisations.Partner", verbose_name=_("partenaires"), related_name="collective_actions", blank=True
    )
    educators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("éducateur·rices"),
        related_name="collective_actions",
        blank=True,
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    needs = models.ManyToManyField(
        "activity.DiagnosticNeed",
        verbose_name=_("besoins à l'origine de l'action"),
        related_name="actions",
        blank=True,
    )

    class Meta:
        verbose_name = _("action collective")
        verbose_name_plural = _("actions collectives")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["team", "start_date"])]
        constraints = [
            _unique_external_id("action_unique_external_id"),
            unique_client_uuid("action_unique_client_uuid"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="action_dates_in_order",
                violation_error_message=_("La date de fin précède la date de début."),
            ),
            models.CheckConstraint(
                condition=Q(anonymous_male__gte=0, anonymous_female__gte=0, anonymous_non_binary__gte=0),
                name="action_counts_not_negative",
                violation_error_message=_("Un nombre de participants ne peut pas être négatif."),
            ),
            # An event the commune initiated is one the team joins, never one it leads.
            models.CheckConstraint(
                condition=Q(commune_event=False) | Q(role=ActionRole.ASSOCIATED),
                name="action_commune_event_is_associated",
                violation_error_message=_(
                    "Un événement initié par la commune est une action où l'équipe est associée."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class PresenceSession(OfflineEntry, Versioned):
    """Time spent in the street, at the collège or at the local (présence sociale)."""

    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="presence_sessions")
    external_id = _external_id()
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"))
    kind = models.ForeignKey("referentials.PresenceKind", verbose_name=_("type"), on_delete=models.PROTECT)
    commune = models.ForeignKey(
        "organisations.Commune",
        on_delete=models.PROTECT,
        related_name="presence_sessions",
        null=True,
        blank=True,
    )
    quartier = models.ForeignKey(
        "organisations.Quartier",
        on_delete=models.PROTECT,
        related_name="presence_sessions",
        null=True,
        blank=True,
    )
    place = models.CharField(_("lieu"), max_length=120, blank=True)
    educators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("éducateur·rices"),
        related_name="presence_sessions",
        blank=True,
    )
    youths_met = models.PositiveIntegerField(_("nombre de jeunes rencontrés"), default=0)
    known_youths = models.ManyToManyField(
        "youths.Youth",
        verbose_name=_("jeunes connus rencontrés"),
        related_name="presence_sessions",
        blank=True,
    )

    class Meta:
        verbose_name = _("présence sociale")
        verbose_name_plural = _("présences sociales")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["team", "date"])]
        constraints = [
            _unique_external_id("presence_unique_external_id"),
            unique_client_uuid("presence_unique_client_uuid"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0, duration_minutes__lte=24 * 60),
                name="presence_duration_positive",
                violation_error_message=_("La durée doit être comprise entre 1 minute et 24 heures."),
            ),
            models.CheckConstraint(
                condition=Q(youths_met__gte=0),
                name="presence_youths_met_not_negative",
                violation_error_message=_("Le nombre de jeunes rencontrés ne peut pas être négatif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} du {self.date:%d/%m/%Y}"


class PartnershipMeeting(Versioned):
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="partnership_meetings"
    )
    external_id = _external_id()
    date = models.DateField(_("date"))
    kind = models.ForeignKey("referentials.MeetingKind", verbose_name=_("type"), on_delete=models.PROTECT)
    subject = models.CharField(_("objet"), max_length=200, blank=True)
    duration_minutes = models.PositiveIntegerField(_("durée (minutes)"))
    commune = models.ForeignKey(
        "organisations.Commune",
        on_delete=models.PROTECT,
        related_name="partnership_meetings",
        null=True,
        blank=True,
    )
    partners = models.ManyToManyField(
        "organisations.Partner", verbose_name=_("partenaires"), related_name="meetings", blank=True
    )
    educators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("éducateur·rices"),
        related_name="partnership_meetings",
        blank=True,
    )

    class Meta:
        verbose_name = _("réunion partenariale")
        verbose_name_plural = _("réunions partenariales")
        ordering = ["-date", "-id"]
        constraints = [
            _unique_external_id("meeting_unique_external_id"),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0),
                name="meeting_duration_positive",
                violation_error_message=_("La durée doit être positive."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} du {self.date:%d/%m/%Y}"


class TerritorialDiagnostic(Versioned):
    """A diagnostic of a quartier, shared with the partners who took part."""

    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="diagnostics")
    external_id = _external_id()
    quartier = models.ForeignKey(
        "organisations.Quartier", on_delete=models.PROTECT, related_name="diagnostics"
    )
    date = models.DateField(_("date"))
    partners = models.ManyToManyField(
        "organisations.Partner",
        verbose_name=_("partenaires associés"),
        related_name="diagnostics",
        blank=True,
    )
    # What the team and partners observed (named "summary" before diagnostics had a screen).
    summary = models.TextField(_("observations"), max_length=4000, blank=True)
    resources = models.TextField(_("ressources du quartier"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("diagnostic territorial partagé")
        verbose_name_plural = _("diagnostics territoriaux partagés")
        ordering = ["-date"]
        constraints = [_unique_external_id("diagnostic_unique_external_id")]

    def __str__(self) -> str:
        return f"Diagnostic {self.quartier} ({self.date:%m/%Y})"


class DiagnosticNeed(models.Model):
    """A need a diagnostic identified; collective actions it motivated link to it."""

    diagnostic = models.ForeignKey(TerritorialDiagnostic, on_delete=models.CASCADE, related_name="needs")
    label = models.CharField(_("besoin identifié"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("besoin identifié")
        verbose_name_plural = _("besoins identifiés")
        ordering = ["diagnostic", "position"]
        constraints = [models.CheckConstraint(condition=Q(label__gt=""), name="diagnosticneed_not_empty")]

    def __str__(self) -> str:
        return self.label
