"""Referentials: the lists a team leader can edit.

Every referential belongs to an organisation so that reports across its teams
speak the same categories. A value is retired (``is_active=False``) rather than
deleted, so that past records and issued reports keep their meaning.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Referential(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT)
    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("libellé"), max_length=120)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_active = models.BooleanField(_("en usage"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


def _unique(model_name: str) -> list[models.UniqueConstraint]:
    return [
        models.UniqueConstraint(
            fields=["organisation", "code"],
            name=f"{model_name}_unique_code",
            violation_error_message=_("Ce code est déjà utilisé par une autre valeur."),
        ),
        models.UniqueConstraint(
            fields=["organisation", "label"],
            name=f"{model_name}_unique_label",
            violation_error_message=_("Une autre valeur porte déjà ce libellé."),
        ),
    ]


class Domain(Referential):
    """A domain of work an intervention is tagged with (Scolarité, Santé / Bien être...)."""

    class Meta(Referential.Meta):
        verbose_name = _("domaine travaillé")
        verbose_name_plural = _("domaines travaillés")
        constraints = _unique("domain")


class Modality(Referential):
    """A level of the accompaniment ladder; a higher rank is a more intensive accompaniment."""

    rank = models.PositiveSmallIntegerField(_("niveau"))

    class Meta(Referential.Meta):
        verbose_name = _("modalité d'accompagnement")
        verbose_name_plural = _("modalités d'accompagnement")
        ordering = ["-rank"]
        constraints = [
            *_unique("modality"),
            models.UniqueConstraint(
                fields=["organisation", "rank"],
                name="modality_unique_rank",
                violation_error_message=_("Une autre modalité a déjà ce niveau."),
            ),
        ]


class Origin(Referential):
    """How the team first met the youth."""

    class Meta(Referential.Meta):
        verbose_name = _("origine de la rencontre")
        verbose_name_plural = _("origines de la rencontre")
        constraints = _unique("origin")


class Situation(Referential):
    """A youth's school or work situation (Scolarisé, En formation...)."""

    class Meta(Referential.Meta):
        verbose_name = _("situation")
        verbose_name_plural = _("situations")
        constraints = _unique("situation")


class ActionCategory(models.TextChoices):
    """What the report does with an action type; the label stays editable."""

    WORKSHOP = "workshop", _("Atelier")
    OUTING = "outing", _("Sortie")
    TRIP = "trip", _("Séjour")
    LOCAL_DEVELOPMENT = "local_development", _("Action DSL (développement social local)")
    OTHER = "other", _("Autre action collective")


class ActionType(Referential):
    category = models.CharField(_("catégorie"), max_length=20, choices=ActionCategory.choices)

    class Meta(Referential.Meta):
        verbose_name = _("type d'action collective")
        verbose_name_plural = _("types d'action collective")
        constraints = _unique("actiontype")


class PresenceKind(Referential):
    """Where street presence happens: rue, collège, local..."""

    class Meta(Referential.Meta):
        verbose_name = _("type de présence sociale")
        verbose_name_plural = _("types de présence sociale")
        constraints = _unique("presencekind")


class MeetingKind(Referential):
    """A kind of partnership meeting: réunion CAHC, CLS, PEDT, bailleur..."""

    class Meta(Referential.Meta):
        verbose_name = _("type de réunion partenariale")
        verbose_name_plural = _("types de réunion partenariale")
        constraints = _unique("meetingkind")


class AgeBracket(Referential):
    """An age row of the report; ``max_age`` empty means "and over"."""

    min_age = models.PositiveSmallIntegerField(_("âge minimum"))
    max_age = models.PositiveSmallIntegerField(_("âge maximum"), null=True, blank=True)

    class Meta(Referential.Meta):
        verbose_name = _("tranche d'âge")
        verbose_name_plural = _("tranches d'âge")
        ordering = ["min_age"]
        constraints = [
            *_unique("agebracket"),
            models.CheckConstraint(
                condition=Q(max_age__isnull=True) | Q(max_age__gte=F("min_age")),
                name="agebracket_bounds_in_order",
                violation_error_message=_("L'âge maximum est inférieur à l'âge minimum."),
            ),
        ]
