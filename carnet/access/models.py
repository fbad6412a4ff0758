from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff member. Youths are never users."""

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    EDUCATOR = "educator", _("Éducateur·rice")
    TEAM_LEADER = "team_leader", _("Chef·fe de service")
    DIRECTOR = "director", _("Directeur·rice")
    FUNDER_VIEWER = "funder_viewer", _("Financeur (lecture des bilans)")
    ADMIN = "admin", _("Administrateur·rice")


# Roles whose work is inside one team: they need a team on their membership.
TEAM_ROLES = [Role.EDUCATOR, Role.TEAM_LEADER]


class Membership(models.Model):
    """A user's role in an organisation, and for team roles the team it applies to."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    start_date = models.DateField(_("arrivée"), null=True, blank=True)
    end_date = models.DateField(_("départ"), null=True, blank=True)

    class Meta:
        verbose_name = _("rôle dans l'organisation")
        verbose_name_plural = _("rôles dans l'organisation")
        ordering = ["organisation", "team", "role"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=TEAM_ROLES) | Q(team__isnull=False),
                name="membership_team_role_has_team",
                violation_error_message=_("Un rôle d'équipe doit désigner une équipe."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_in_order",
                violation_error_message=_("La date de départ précède la date d'arrivée."),
            ),
            models.UniqueConstraint(
                fields=["user", "team", "role"],
                condition=Q(team__isnull=False),
                name="membership_unique_in_team",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(team__isnull=True),
                name="membership_unique_in_organisation",
            ),
        ]

    def __str__(self) -> str:
        where = self.team or self.organisation
        return f"{self.user} — {self.get_role_display()} ({where})"
