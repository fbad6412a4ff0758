from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from carnet.editing.versions import Versioned


class Organisation(models.Model):
    """The association (or other body) that employs the teams."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    address = models.TextField(_("adresse"), blank=True)
    dpo_contact = models.CharField(_("contact du DPO"), max_length=200, blank=True)
    # Applies to the roles that see personal data; enforced by the access layer.
    require_two_factor = models.BooleanField(_("double authentification obligatoire"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("sigle"), max_length=40, blank=True)
    start_date = models.DateField(_("début d'activité"), null=True, blank=True)

    class Meta:
        verbose_name = _("équipe")
        verbose_name_plural = _("équipes")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="communes")
    name = models.CharField(_("nom"), max_length=120)
    insee_code = models.CharField(_("code INSEE"), max_length=5, blank=True)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("éducateur·rice référent·e"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referent_of_communes",
    )

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "name"], name="commune_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Quartier(models.Model):
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="quartiers")
    name = models.CharField(_("nom"), max_length=120)
    is_qpv = models.BooleanField(_("quartier prioritaire (QPV)"), default=False)

    class Meta:
        verbose_name = _("quartier")
        verbose_name_plural = _("quartiers")
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="quartier_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.commune})"


class PartnerType(models.TextChoices):
    SCHOOL = "school", _("Établissement scolaire")
    SOCIAL_CENTRE = "social_centre", _("Centre social")
    LIBRARY = "library", _("Médiathèque")
    EDUCATIONAL_SUCCESS = "pre", _("Programme de réussite éducative")
    EMPLOYMENT = "employment", _("Insertion et emploi")
    SOCIAL_SERVICE = "social_service", _("Service social ou de santé")
    LANDLORD = "landlord", _("Bailleur social")
    MEDIATION = "mediation", _("Médiation")
    ASSOCIATION = "association", _("Association sport, culture, loisirs")
    LOCAL_AUTHORITY = "local_authority", _("Collectivité")
    OTHER = "other", _("Autre")


class Partner(Versioned):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partners")
    name = models.CharField(_("nom"), max_length=200)
    partner_type = models.CharField(_("type"), max_length=20, choices=PartnerType.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.SET_NULL, null=True, blank=True, related_name="partners"
    )
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="partner_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class FunderLevel(models.TextChoices):
    COMMUNE = "commune", _("Commune ou intercommunalité")
    DEPARTEMENT = "departement", _("Département")
    STATE = "state", _("État")
    OTHER = "other", _("Autre")


class Funder(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="funders")
    name = models.CharField(_("nom"), max_length=200)
    level = models.CharField(_("niveau"), max_length=20, choices=FunderLevel.choices)
    teams = models.ManyToManyField(
        Team, verbose_name=_("équipes financées"), related_name="funders", blank=True
    )
    logo = models.FileField(_("logo"), upload_to="funders/", blank=True)

    class Meta:
        verbose_name = _("financeur")
        verbose_name_plural = _("financeurs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="funder_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
