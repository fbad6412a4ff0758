"""Youth files: pseudonymous by design.

A youth is recorded by first name, nickname or code; surname and exact birth
date are optional, a birth year is enough.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from carnet.editing.versions import Versioned
from carnet.offline.models import OfflineEntry, unique_client_uuid


class Sex(models.TextChoices):
    MALE = "H", _("Homme")
    FEMALE = "F", _("Femme")
    NON_BINARY = "NB", _("Non binaire")


class YouthQuerySet(models.QuerySet):
    def active(self) -> "YouthQuerySet":
        """Youths in use: without the records archived by a merge into another record.

        Youths moved to the restricted archive by the retention rule stay in: the
        reports count them, so that the figures of a past period never change.
        Lists use ``in_active_base()``.
        """
        return self.filter(merged_into__isnull=True)

    def in_active_base(self) -> "YouthQuerySet":
        """Youths of the active base, for lists and files: ``active()`` without the youths
        moved to the restricted archive (``carnet.privacy``), which only a director opens."""
        return self.active().filter(archive__isnull=True)


class Youth(OfflineEntry, Versioned):
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="youths")
    first_name = models.CharField(_("prénom"), max_length=60, blank=True)
    nickname = models.CharField(_("surnom"), max_length=60, blank=True)
    code = models.CharField(_("code"), max_length=30, blank=True)
    last_name = models.CharField(_("nom (facultatif)"), max_length=80, blank=True)
    external_id = models.CharField(_("identifiant externe"), max_length=60, blank=True)
    sex = models.CharField(_("sexe"), max_length=2, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("date de naissance (facultative)"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("année de naissance"), null=True, blank=True)
    commune = models.ForeignKey(
        "organisations.Commune", on_delete=models.PROTECT, related_name="youths", null=True, blank=True
    )
    quartier = models.ForeignKey(
        "organisations.Quartier", on_delete=models.PROTECT, related_name="youths", null=True, blank=True
    )
    origin = models.ForeignKey(
        "referentials.Origin",
        verbose_name=_("origine de la rencontre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    first_contact_date = models.DateField(_("date de première rencontre"), null=True, blank=True)
    # A duplicate merged into another record is archived, not deleted, so that the
    # merge can be undone; lists and reports leave it out (``Youth.objects.active()``).
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("fusionné dans"),
        on_delete=models.PROTECT,
        related_name="merged_records",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = YouthQuerySet.as_manager()

    class Meta:
        verbose_name = _("jeune")
        verbose_name_plural = _("jeunes")
        ordering = ["first_name", "nickname", "code", "id"]
        constraints = [
            unique_client_uuid("youth_unique_client_uuid"),
            models.CheckConstraint(
                condition=Q(first_name__gt="") | Q(nickname__gt="") | Q(code__gt=""),
                name="youth_has_a_name",
                violation_error_message=_("Indiquez un prénom, un surnom ou un code."),
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900, birth_year__lte=2200),
                name="youth_birth_year_plausible",
                violation_error_message=_("L'année de naissance n'est pas plausible."),
            ),
            # A birth date, when known, carries its year in birth_year, so that the
            # counting rules read one field for everyone.
            models.CheckConstraint(
                condition=Q(birth_date__isnull=True)
                | Q(birth_year__isnull=False, birth_year=ExtractYear("birth_date")),
                name="youth_birth_date_has_year",
                violation_error_message=_("L'année de naissance doit accompagner la date de naissance."),
            ),
            models.UniqueConstraint(
                fields=["team", "external_id"],
                condition=Q(external_id__gt=""),
                name="youth_unique_external_id",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("id")),
                name="youth_not_merged_into_itself",
                violation_error_message=_("Une fiche ne peut pas être fusionnée avec elle-même."),
            ),
        ]
        indexes = [models.Index(fields=["team", "commune"])]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        if self.birth_date and not self.birth_year:
            self.birth_year = self.birth_date.year
        errors = {}
        if self.birth_date and self.birth_year != self.birth_date.year:
            errors["birth_year"] = _("L'année de naissance ne correspond pas à la date de naissance.")
        if self.commune_id and self.team_id and self.commune.team_id != self.team_id:
            errors["commune"] = _("Cette commune n'est pas couverte par l'équipe du jeune.")
        if self.quartier_id and self.quartier.commune_id != self.commune_id:
            errors["quartier"] = _("Ce quartier n'appartient pas à la commune choisie.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self) -> str:
        return self.name_from(self.first_name, self.nickname, self.code)

    @staticmethod
    def name_from(first_name: str, nickname: str, code: str) -> str:
        """The name a youth is shown by, from the fields alone (for lists read as values)."""
        if first_name and nickname:
            return f"{first_name} « {nickname} »"
        return first_name or nickname or code

    def age_on(self, day: datetime.date) -> int | None:
        """Age reached on ``day``; with only a birth year, the age reached that year."""
        if self.birth_date:
            before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
            return day.year - self.birth_date.year - int(before_birthday)
        if self.birth_year:
            return day.year - self.birth_year
        return None


class SituationChange(models.Model):
    """A youth's situation from ``since`` until the next change."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="situation_changes")
    situation = models.ForeignKey("referentials.Situation", on_delete=models.PROTECT)
    since = models.DateField(_("depuis le"))

    class Meta:
        verbose_name = _("changement de situation")
        verbose_name_plural = _("historique des situations")
        ordering = ["youth", "since"]
        constraints = [
            models.UniqueConstraint(fields=["youth", "since"], name="situation_one_change_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.situation} depuis le {self.since:%d/%m/%Y}"


class AccompanimentPeriod(models.Model):
    """A stretch of time a youth spends at one modality; ``end`` empty while it lasts.

    Periods of one youth never overlap: the database refuses it (a trigger on
    both SQLite and PostgreSQL, see the migration).
    """

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="accompaniment_periods")
    modality = models.ForeignKey("referentials.Modality", on_delete=models.PROTECT)
    start = models.DateField(_("début"))
    end = models.DateField(_("fin"), null=True, blank=True)
    referents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("éducateur·rices référent·es"),
        related_name="accompaniment_periods",
        blank=True,
    )
    next_review_on = models.DateField(_("prochain point du projet"), null=True, blank=True)

    class Meta:
        verbose_name = _("période d'accompagnement")
        verbose_name_plural = _("périodes d'accompagnement")
        ordering = ["youth", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="accompaniment_dates_in_order",
                violation_error_message=_("La fin de l'accompagnement précède son début."),
            ),
        ]
        indexes = [
            models.Index(fields=["start", "end"]),
            # A youth's periods with what a report reads of them (dates, modality), from the
            # index alone: the report's highest modality per youth (docs/performance.md).
            models.Index(fields=["youth", "start", "end", "modality"], name="period_youth_dates_modality"),
        ]

    def __str__(self) -> str:
        end = f"{self.end:%d/%m/%Y}" if self.end else "…"
        return f"{self.modality} du {self.start:%d/%m/%Y} au {end}"

    def overlaps(self, other: "AccompanimentPeriod") -> bool:
        far = datetime.date.max
        return self.start <= (other.end or far) and other.start <= (self.end or far)

    def clean(self) -> None:
        # The database refuses overlaps too; this check gives the user a sentence instead of an error.
        if not (self.youth_id and self.start):
            return
        if self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin de l'accompagnement précède son début.")})
        for other in self.youth.accompaniment_periods.exclude(pk=self.pk):
            if self.overlaps(other):
                raise ValidationError(
                    _("Cette période chevauche une autre période d'accompagnement du jeune : %(other)s.")
                    % {"other": other}
                )


class GoalProgress(models.TextChoices):
    """Where a goal stands at a review: a fact about the project, never a judgement on the youth."""

    NOT_STARTED = "non_engage", _("Non engagé")
    IN_PROGRESS = "en_cours", _("En cours")
    REACHED = "atteint", _("Atteint")
    ABANDONED = "abandonne", _("Abandonné")


class PaeiGoal(Versioned):
    """A goal of an individualised project (PAEI), in a short wording agreed with the youth."""

    period = models.ForeignKey(AccompanimentPeriod, on_delete=models.CASCADE, related_name="goals")
    domain = models.ForeignKey(
        "referentials.Domain", verbose_name=_("domaine"), on_delete=models.PROTECT, null=True, blank=True
    )
    text = models.CharField(_("objectif"), max_length=200)
    target_date = models.DateField(_("échéance"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # The day of the review that found the goal reached (kept by services.paei_review_record).
    reached_on = models.DateField(_("atteint le"), null=True, blank=True)

    class Meta:
        verbose_name = _("objectif du PAEI")
        verbose_name_plural = _("objectifs du PAEI")
        ordering = ["period", "position"]
        constraints = [
            models.CheckConstraint(condition=Q(text__gt=""), name="paeigoal_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text


class PaeiReview(models.Model):
    """A dated review of a PAEI with the youth: where each goal stands."""

    period = models.ForeignKey(AccompanimentPeriod, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField(_("date du point"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("point du PAEI")
        verbose_name_plural = _("points du PAEI")
        ordering = ["period", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "date"],
                name="paeireview_one_a_day",
                violation_error_message=_("Un point du projet est déjà enregistré à cette date."),
            ),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"Point du {self.date:%d/%m/%Y}"


class PaeiGoalReview(models.Model):
    """One goal's progress at one review, with a factual note."""

    review = models.ForeignKey(PaeiReview, on_delete=models.CASCADE, related_name="goal_reviews")
    goal = models.ForeignKey(PaeiGoal, on_delete=models.CASCADE, related_name="reviews")
    progress = models.CharField(_("avancement"), max_length=12, choices=GoalProgress.choices)
    note = models.CharField(_("note factuelle"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("avancement d'un objectif")
        verbose_name_plural = _("avancements des objectifs")
        ordering = ["review", "goal__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="paeigoalreview_once_per_review"),
            models.CheckConstraint(
                condition=Q(progress__in=GoalProgress.values), name="paeigoalreview_known_progress"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} : {self.get_progress_display()}"


class YouthMerge(models.Model):
    """Two records of one youth made one: ``merged`` is archived into ``kept``.

    ``moved`` keeps the ids of what moved, per relation, and ``filled_fields``
    the values copied into the kept record's empty fields, so that the merge can
    be undone exactly.
    """

    kept = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="merges_kept")
    merged = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="merges_undergone")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(_("fusionnée le"), auto_now_add=True)
    moved = models.JSONField(default=dict)
    filled_fields = models.JSONField(default=dict)
    undone_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fusion de fiches")
        verbose_name_plural = _("fusions de fiches")
        ordering = ["-merged_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kept=F("merged")),
                name="youthmerge_two_records",
                violation_error_message=_("Une fiche ne peut pas être fusionnée avec elle-même."),
            ),
            models.UniqueConstraint(
                fields=["merged"],
                condition=Q(undone_at__isnull=True),
                name="youthmerge_one_active_per_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.merged} → {self.kept} ({self.merged_at:%d/%m/%Y})"

    @property
    def is_active(self) -> bool:
        return self.undone_at is None


class TeamFollowUp(models.Model):
    """A team's rhythm of follow-up: after how many weeks without contact a référent youth is
    listed « à revoir » on the educators' home."""

    DEFAULT_WEEKS = 6

    team = models.OneToOneField("organisations.Team", on_delete=models.CASCADE, related_name="follow_up")
    weeks_without_contact = models.PositiveSmallIntegerField(
        _("semaines sans contact avant « à revoir »"), default=DEFAULT_WEEKS
    )

    class Meta:
        verbose_name = _("suivi des jeunes de l'équipe")
        verbose_name_plural = _("suivi des jeunes des équipes")
        constraints = [
            models.CheckConstraint(
                condition=Q(weeks_without_contact__gte=1, weeks_without_contact__lte=52),
                name="teamfollowup_weeks_in_a_year",
                violation_error_message=_("Indiquez un nombre de semaines entre 1 et 52."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} : {self.weeks_without_contact} semaines"
