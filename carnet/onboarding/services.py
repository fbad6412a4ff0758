"""Accounts of an organisation: invited (never given a password), changed, ended, deactivated.

An invitation is a one-time link valid 72 hours; opening it lets the person choose a password
and, when their role needs one, enrol their second factor. The link is shown to the
administrator to pass on, and mailed too when a mail server is configured.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from carnet.access import audit, two_factor
from carnet.access.models import TEAM_ROLES, AuditAction, Membership, Role, User
from carnet.organisations.models import Organisation, Team

from .models import INVITATION_VALIDITY, Invitation


@dataclass(frozen=True)
class IssuedInvitation:
    """A fresh invitation and its secret link, which exists only here: the database keeps a digest."""

    invitation: Invitation
    path: str
    mailed: bool

    def url(self, base: str = "") -> str:
        return f"{(base or settings.CARNET_BASE_URL).rstrip('/')}{self.path}"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _username_for(*, email: str, first_name: str, last_name: str) -> str:
    base = ".".join(filter(None, (slugify(first_name), slugify(last_name))))[:140]
    base = base or slugify(email.split("@")[0])[:140] or "compte"
    username, suffix = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, suffix = f"{base}{suffix}", suffix + 1
    return username


def _check_role(*, organisation: Organisation, role: str, team: Team | None) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Rôle inconnu : « %(role)s ».") % {"role": role}})
    if role in TEAM_ROLES and team is None:
        raise ValidationError({"team": _("Ce rôle s'exerce dans une équipe : choisissez l'équipe.")})
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("Cette équipe n'appartient pas à l'organisation.")})


@transaction.atomic
def account_invite(
    *,
    organisation: Organisation,
    first_name: str,
    last_name: str = "",
    email: str = "",
    role: str,
    team: Team | None = None,
    invited_by: User | None = None,
    base_url: str = "",
) -> IssuedInvitation:
    """A new account with its role, no password, and its invitation link."""
    _check_role(organisation=organisation, role=role, team=team)
    first_name, last_name, email = first_name.strip(), last_name.strip(), email.strip().lower()
    if not first_name:
        raise ValidationError({"first_name": _("Indiquez le prénom de la personne invitée.")})
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _("Un compte utilise déjà l'adresse %(email)s : modifiez ses rôles plutôt.")
                % {"email": email}
            }
        )
    user = User(
        username=_username_for(email=email, first_name=first_name, last_name=last_name),
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Membership.objects.create(
        user=user,
        organisation=organisation,
        team=team if role in TEAM_ROLES else None,
        role=role,
        start_date=timezone.localdate(),
    )
    return invitation_issue(user=user, organisation=organisation, invited_by=invited_by, base_url=base_url)


@transaction.atomic
def invitation_issue(
    *, user: User, organisation: Organisation, invited_by: User | None = None, base_url: str = ""
) -> IssuedInvitation:
    """A new link for ``user`` (a first one, or a new one when a link was lost or expired, or a
    password forgotten); the links given before stop working."""
    now = timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        organisation=organisation,
        token_digest=token_digest(token),
        created_at=now,
        created_by=invited_by,
        expires_at=now + INVITATION_VALIDITY,
    )
    audit.record(
        action=AuditAction.CREATE,
        target=invitation,
        target_label=f"invitation de {user.get_username()}",
        changes={"compte": user.get_username(), "valable jusqu'au": invitation.expires_at.isoformat()},
        user=invited_by,
    )
    path = reverse("onboarding:invitation", kwargs={"token": token})
    issued = IssuedInvitation(invitation=invitation, path=path, mailed=False)
    if user.email and settings.CARNET_INVITATIONS_BY_MAIL:
        transaction.on_commit(lambda: _mail(user=user, organisation=organisation, url=issued.url(base_url)))
        issued = IssuedInvitation(invitation=invitation, path=path, mailed=True)
    return issued


def _mail(*, user: User, organisation: Organisation, url: str) -> None:
    body = _(
        "Bonjour %(first_name)s,\n\n"
        "Un compte Carnet vous attend chez %(organisation)s (identifiant : %(username)s).\n"
        "Ouvrez ce lien pour choisir votre mot de passe ; il est valable 72 heures et ne sert qu'une fois :\n"
        "%(url)s\n"
    ) % {
        "first_name": user.first_name,
        "organisation": organisation.name,
        "username": user.get_username(),
        "url": url,
    }
    send_mail(_("Votre compte Carnet"), body, None, [user.email])


def invitation_needs_second_factor(invitation: Invitation) -> bool:
    return two_factor.two_factor_required(invitation.user)


@transaction.atomic
def invitation_accept(*, request, invitation: Invitation, password: str, code: str = "") -> User:
    """Set the password chosen through the link, enrol the second factor when the role needs one,
    and sign the person in. The link then stops working.

    The invitation itself is what authorises enrolling a second factor here: the person has no
    session yet, and the link was handed to them by their administrator."""
    invitation = Invitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)
    if not invitation.is_usable():
        raise ValidationError(_("Ce lien d'invitation n'est plus valable : demandez-en un nouveau."))
    user = invitation.user
    device = None
    if invitation_needs_second_factor(invitation):
        # Confirmed before anyone is signed in (confirm_device signs a device in only for its own
        # user's session), so that a wrong code leaves the password unset and the link usable.
        device = two_factor.pending_device(user)
        confirmed = two_factor.confirm_device(
            request=request, device=device, code=code or "", authorised_by=invitation.created_by or user
        )
        if not confirmed:
            raise ValidationError(
                {"code": _("Code incorrect : vérifiez l'heure de votre téléphone et réessayez.")}
            )
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    audit.record(
        action=AuditAction.UPDATE,
        target=invitation,
        target_label=f"invitation de {user.get_username()}",
        changes={"utilisée": True, "double authentification": device is not None},
        user=user,
    )
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    return user


# --- Changing an account ----------------------------------------------------------------


@transaction.atomic
def membership_add(
    *, organisation: Organisation, user: User, role: str, team: Team | None = None
) -> Membership:
    _check_role(organisation=organisation, role=role, team=team)
    team = team if role in TEAM_ROLES else None
    today = timezone.localdate()
    # One membership per user, role and team (a database constraint): a role ended before is resumed.
    earlier = Membership.objects.filter(user=user, organisation=organisation, team=team, role=role).first()
    if earlier is None:
        return Membership.objects.create(
            user=user, organisation=organisation, team=team, role=role, start_date=today
        )
    if earlier.end_date is None or earlier.end_date >= today:
        raise ValidationError({"role": _("Ce compte a déjà ce rôle.")})
    earlier.end_date = None
    earlier.save(update_fields=["end_date"])
    return earlier


@transaction.atomic
def membership_end(
    *, membership: Membership, by: User | None, end_date: datetime.date | None = None
) -> Membership:
    """End a role (its history stays); an administrator cannot end their own administration."""
    if membership.role == Role.ADMIN and membership.user_id == getattr(by, "pk", None):
        raise ValidationError(
            _(
                "Vous ne pouvez pas retirer votre propre rôle d'administrateur·rice : "
                "demandez-le à un·e autre."
            )
        )
    end_date = end_date or timezone.localdate()
    if membership.start_date and end_date < membership.start_date:
        # A role given by mistake today ends the day it began.
        end_date = membership.start_date
    membership.end_date = end_date
    membership.full_clean()
    membership.save(update_fields=["end_date"])
    return membership


@transaction.atomic
def account_set_active(*, user: User, active: bool, by: User | None) -> User:
    """Deactivate an account (it can no longer sign in; its records and history stay) or restore it."""
    if not active and user.pk == getattr(by, "pk", None):
        raise ValidationError(_("Vous ne pouvez pas désactiver votre propre compte."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        Invitation.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    audit.record(
        action=AuditAction.UPDATE,
        target=user,
        target_label=user.get_username(),
        changes={"is_active": [not active, active]},
        user=by,
    )
    return user
