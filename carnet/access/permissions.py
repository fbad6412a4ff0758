"""The one permission layer: who may do what, on which teams.

Every view, list, export and CLI command asks here. A role grants capabilities;
a membership says on which teams (a team role on its team, an organisation role
on every team of the organisation). Records are always fetched through the
querysets below, so a record of another team is simply not found (404), whatever
id is typed in a URL, a form or an htmx request.
"""

import enum
import functools
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from carnet.organisations.models import Organisation, Team

from .models import Membership, Role, User


class Capability(enum.StrEnum):
    VIEW_YOUTHS = "view_youths"  # personal data of youths
    RECORD_ACTIVITY = "record_activity"  # create and change youths and activity
    VIEW_REPORTS = "view_reports"  # internal reports, with the youths behind each figure
    ISSUE_REPORTS = "issue_reports"
    EDIT_REFERENTIALS = "edit_referentials"
    VIEW_ISSUED_REPORTS = "view_issued_reports"  # external versions only
    OPEN_ARCHIVE = "open_archive"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    EXPORT_DATA = "export_data"  # everything a team holds, to take it elsewhere


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.EDUCATOR: frozenset({Capability.VIEW_YOUTHS, Capability.RECORD_ACTIVITY}),
    Role.TEAM_LEADER: frozenset(
        {
            Capability.VIEW_YOUTHS,
            Capability.RECORD_ACTIVITY,
            Capability.VIEW_REPORTS,
            Capability.ISSUE_REPORTS,
            Capability.EDIT_REFERENTIALS,
            Capability.VIEW_ISSUED_REPORTS,
            Capability.EXPORT_DATA,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            Capability.VIEW_YOUTHS,
            Capability.VIEW_REPORTS,
            Capability.ISSUE_REPORTS,
            Capability.EDIT_REFERENTIALS,
            Capability.VIEW_ISSUED_REPORTS,
            Capability.OPEN_ARCHIVE,
            Capability.VIEW_AUDIT,
            Capability.EXPORT_DATA,
        }
    ),
    Role.FUNDER_VIEWER: frozenset({Capability.VIEW_ISSUED_REPORTS}),
    # An admin manages accounts and settings, not youth files, unless also given a team role.
    Role.ADMIN: frozenset({Capability.MANAGE_USERS}),
}


def roles_with(*capabilities: Capability) -> list[str]:
    """Roles granting any of ``capabilities``."""
    return [role for role, held in ROLE_CAPABILITIES.items() if held & set(capabilities)]


def active_memberships(user: User) -> QuerySet[Membership]:
    today = timezone.localdate()
    return Membership.objects.filter(user=user, user__is_active=True).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )


def teams_with(user: User, *capabilities: Capability) -> QuerySet[Team]:
    """The teams on which ``user`` holds one of ``capabilities``."""
    if not user.is_authenticated:
        return Team.objects.none()
    memberships = active_memberships(user).filter(role__in=roles_with(*capabilities))
    team_ids = memberships.filter(team__isnull=False).values("team")
    organisation_ids = memberships.filter(team__isnull=True).values("organisation")
    return Team.objects.filter(Q(pk__in=team_ids) | Q(organisation__in=organisation_ids))


def organisations_with(user: User, capability: Capability) -> QuerySet[Organisation]:
    return Organisation.objects.filter(teams__in=teams_with(user, capability)).distinct()


def has_capability(user: User, capability: Capability, *, team: Team | None = None) -> bool:
    teams = teams_with(user, capability)
    return teams.filter(pk=team.pk).exists() if team is not None else teams.exists()


def may_administer(user: User) -> bool:
    """The Django admin is for superusers and the administrator role (see ``admin_site``)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or active_memberships(user).filter(role=Role.ADMIN).exists()


def user_capabilities(user: User) -> frozenset[Capability]:
    if not user.is_authenticated:
        return frozenset()
    roles = active_memberships(user).values_list("role", flat=True).distinct()
    return frozenset().union(*(ROLE_CAPABILITIES.get(role, frozenset()) for role in roles))


def require(capability: Capability) -> Callable:
    """View decorator: the user must hold ``capability`` on at least one team.

    The view then reads ``request.teams``: the teams it may show, and nothing else.
    Anonymous users are sent to the login page by LoginRequiredMiddleware before
    this runs; views anyone may open are marked with ``login_not_required``.
    """

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            # Read once: the view's queries then carry the team ids, which SQLite matches with
            # the team_id indexes; given the membership subqueries instead, its planner scans
            # every youth of the database (bench/results.md, "Pages under load").
            team_ids = list(teams_with(request.user, capability).values_list("pk", flat=True))
            if not team_ids:
                raise PermissionDenied
            request.teams = Team.objects.filter(pk__in=team_ids)
            request.team_ids = team_ids
            return view(request, *args, **kwargs)

        wrapped.carnet_capability = capability
        return wrapped

    return decorator
