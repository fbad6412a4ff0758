"""What the team writes around the figures, and the reports it has issued.

Figures are never stored for a draft: they are computed from the records each
time. Issuing a report freezes it: the figures, the texts and every rendered
file are stored, so the same bytes can be downloaded again after records change.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class NarrativeSection(models.TextChoices):
    """The written sections of the seed's bilan d'activité, in reading order."""

    SETUP = "mise_en_place", _("Mise en place")
    GENERAL_ACTION = "action_generale", _("Action générale")
    SPECIFIC_ACTIONS = "actions_specifiques", _("Actions spécifiques")
    PERSPECTIVES = "perspectives", _("Perspectives")
    ADDED_VALUE = "plus_value", _("Plus-value générale")


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Interne à l'équipe")
    EXTERNAL = "external", _("Pour les financeurs (petits effectifs masqués)")


class ReportDraft(models.Model):
    """The texts and choices of a report being prepared for a scope and a period."""

    team = models.ForeignKey("organisations.Team", on_delete=models.CASCADE, related_name="report_drafts")
    commune = models.ForeignKey(
        "organisations.Commune", on_delete=models.CASCADE, null=True, blank=True, related_name="report_drafts"
    )
    start = models.DateField(_("du"))
    end = models.DateField(_("au"))
    narrative = models.JSONField(_("sections rédigées"), default=dict, blank=True)
    funders = models.ManyToManyField(
        "organisations.Funder", verbose_name=_("financeurs"), related_name="report_drafts", blank=True
    )
    # The report model's slug (a built-in or one of the organisation's); "" for Carnet's default.
    model = models.CharField(_("modèle de bilan"), max_length=60, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bilan en préparation")
        verbose_name_plural = _("bilans en préparation")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="reportdraft_dates_in_order"),
            models.UniqueConstraint(
                fields=["team", "commune", "start", "end"],
                condition=Q(commune__isnull=False),
                name="reportdraft_one_per_commune_scope",
            ),
            models.UniqueConstraint(
                fields=["team", "start", "end"],
                condition=Q(commune__isnull=True),
                name="reportdraft_one_per_team_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune or self.team} {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


class OrganisationReportModel(models.Model):
    """A report model an association wrote, copied or uploaded: a TOML file (report_models.py)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="report_models"
    )
    slug = models.SlugField(_("identifiant"), max_length=60)
    name = models.CharField(_("nom"), max_length=200)
    source = models.TextField(_("modèle (TOML)"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("modèle de bilan")
        verbose_name_plural = _("modèles de bilan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="reportmodel_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class FunderReportModel(models.Model):
    """The report model a funder expects: a report naming it is laid out so unless told otherwise."""

    funder = models.OneToOneField(
        "organisations.Funder",
        on_delete=models.CASCADE,
        related_name="report_model",
        verbose_name=_("financeur"),
    )
    model = models.CharField(_("modèle de bilan"), max_length=60)

    class Meta:
        verbose_name = _("modèle de bilan d'un financeur")
        verbose_name_plural = _("modèles de bilan des financeurs")

    def __str__(self) -> str:
        return f"{self.funder} → {self.model}"


class IssuedReport(models.Model):
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="issued_reports")
    commune = models.ForeignKey(
        "organisations.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_reports",
    )
    start = models.DateField(_("du"))
    end = models.DateField(_("au"))
    audience = models.CharField(_("destinataires"), max_length=10, choices=Audience.choices)
    small_count_threshold = models.PositiveSmallIntegerField(_("seuil des petits effectifs"), default=0)
    title = models.CharField(_("titre"), max_length=300)
    figures = models.JSONField(_("chiffres figés"))
    narrative = models.JSONField(_("sections rédigées"), default=dict)
    funder_names = models.JSONField(_("financeurs"), default=list)
    model_name = models.CharField(_("modèle de bilan"), max_length=200, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("bilan émis")
        verbose_name_plural = _("bilans émis")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="issuedreport_dates_in_order"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportFormat(models.TextChoices):
    HTML = "html", "HTML"
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    ODT = "odt", "OpenDocument (ODT)"
    XLSX = "xlsx", "Excel (XLSX)"
    JSON = "json", "JSON"


class IssuedReportFile(models.Model):
    """One rendering of an issued report, stored byte for byte."""

    report = models.ForeignKey(IssuedReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=ReportFormat.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="issuedreportfile_one_per_format"),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.format})"
