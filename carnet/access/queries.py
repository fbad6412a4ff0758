from django.db.models import Q, QuerySet

from .models import AuditEvent, Membership, User
from .permissions import Capability, organisations_with


def audit_people_for(*, user: User) -> QuerySet[User]:
    """The staff of the organisations whose log ``user`` may read, by name."""
    organisations = organisations_with(user, Capability.VIEW_AUDIT)
    staff = Membership.objects.filter(organisation__in=organisations).values("user")
    return User.objects.filter(pk__in=staff).order_by("first_name", "last_name", "username")


def audit_events_for(*, user: User, filters: dict) -> QuerySet[AuditEvent]:
    """The log lines a director may search: their organisations' staff, work done by no one
    signed in (commands, tasks), and the failed sign-ins made under the name of one of their
    staff (never another organisation's)."""
    organisations = organisations_with(user, Capability.VIEW_AUDIT)
    staff = Membership.objects.filter(organisation__in=organisations).values("user")
    usernames = User.objects.filter(pk__in=staff).values("username")
    events = AuditEvent.objects.filter(
        Q(user__in=staff) | Q(user__isnull=True, username="") | Q(user__isnull=True, username__in=usernames)
    ).select_related("user")
    if filters.get("person"):
        events = events.filter(user=filters["person"])
    if filters.get("youth"):
        # The youth's file itself, or a record of the youth (labelled « … (jeune n° 12) »).
        youth = str(filters["youth"])
        events = events.filter(
            Q(target_type="youths.youth", target_id=youth) | Q(target_label__endswith=f"(jeune n° {youth})")
        )
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("target_type"):
        events = events.filter(target_type=filters["target_type"])
    if filters.get("target_id"):
        events = events.filter(target_id=filters["target_id"])
    if filters.get("start"):
        events = events.filter(at__date__gte=filters["start"])
    if filters.get("end"):
        events = events.filter(at__date__lte=filters["end"])
    return events
