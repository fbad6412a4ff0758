from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from carnet.access.models import Membership, Role, User
from carnet.access.permissions import active_memberships
from carnet.organisations.models import Commune, Funder, Organisation, Team

from .models import Invitation
from .services import token_digest


def administered_organisation(user: User) -> Organisation | None:
    """The organisation ``user`` administers (the first by name, should there be several)."""
    if not user.is_authenticated:
        return None
    memberships = active_memberships(user).filter(role=Role.ADMIN, team__isnull=True)
    return Organisation.objects.filter(memberships__in=memberships).order_by("name").first()


def first_run(user: User) -> bool:
    """An installation without any organisation, opened by the person who installed it."""
    return user.is_authenticated and user.is_superuser and not Organisation.objects.exists()


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("user", "organisation")
        .filter(token_digest=token_digest(token))
        .first()
    )


def accounts_of(*, organisation: Organisation) -> QuerySet[User]:
    """Everyone who has or had a role in the organisation, with those roles and their last invitation."""
    return (
        User.objects.filter(memberships__organisation=organisation)
        .distinct()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(organisation=organisation).select_related("team"),
                to_attr="roles_here",
            ),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(organisation=organisation).order_by("-created_at"),
                to_attr="invitations_here",
            ),
        )
        .order_by("last_name", "first_name", "username")
    )


def account_status(user: User) -> str:
    """« active », « invited », « invitation_expired » or « deactivated », for the accounts screen."""
    if not user.is_active:
        return "deactivated"
    if user.has_usable_password():
        return "active"
    invitations = getattr(user, "invitations_here", None) or list(
        user.invitations.order_by("-created_at")[:1]
    )
    if invitations and invitations[0].is_usable(now=timezone.now()):
        return "invited"
    return "invitation_expired"


def current_roles(user: User) -> list[Membership]:
    today = timezone.localdate()
    return [m for m in getattr(user, "roles_here", []) if m.end_date is None or m.end_date >= today]


def setup_overview(*, organisation: Organisation) -> dict:
    """What the first-run page lists: the association's frame so far."""
    teams = Team.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("communes", queryset=Commune.objects.prefetch_related("quartiers"))
    )
    return {
        "teams": teams,
        "funders": Funder.objects.filter(organisation=organisation).prefetch_related("teams"),
        "accounts": accounts_of(organisation=organisation),
        "has_communes": Commune.objects.filter(team__organisation=organisation).exists(),
    }
