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


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Connexion")
    LOGIN_FAILED = "login_failed", _("Échec de connexion")
    LOGOUT = "logout", _("Déconnexion")
    READ = "read", _("Consultation")
    EXPORT = "export", _("Export")
    CREATE = "create", _("Création")
    UPDATE = "update", _("Modification")
    DELETE = "delete", _("Suppression")
    REPORT_ISSUE = "report_issue", _("Émission d'un bilan")
    ERASE = "erase", _("Effacement sur demande")
    ARCHIVE = "archive", _("Archivage (durée de conservation)")
    ANONYMISE = "anonymise", _("Anonymisation (durée de conservation)")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        from .audit import purge_is_allowed

        if not purge_is_allowed():
            raise PermissionError("The audit log is append-only.")
        return super().delete()


class AuditEvent(models.Model):
    """One line of the append-only audit log.

    The database refuses to change or delete a line (triggers, see the
    migration). Identifying fields of youths are never written here, so that
    erasing a youth on request leaves nothing of them in the log.
    """

    at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("utilisateur"),
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        db_constraint=False,
    )
    username = models.CharField(_("identifiant"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices, db_index=True)
    target_type = models.CharField(_("type d'objet"), max_length=60, blank=True, db_index=True)
    target_id = models.CharField(_("identifiant de l'objet"), max_length=40, blank=True)
    target_label = models.CharField(_("objet"), max_length=200, blank=True)
    changes = models.JSONField(_("valeurs avant et après"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement du journal")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"]), models.Index(fields=["username", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.get_action_display()} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")
