from django.db.models import Q, QuerySet

from .models import AuditEvent, Membership, User
from .permissions import Capability, organisations_with


def audit_events_for(*, user: User, filters: dict) -> QuerySet[AuditEvent]:
    """The log lines a director may search: their organisations' staff, and anonymous attempts."""
    organisations = organisations_with(user, Capability.VIEW_AUDIT)
    staff = Membership.objects.filter(organisation__in=organisations).values("user")
    events = AuditEvent.objects.filter(Q(user__in=staff) | Q(user__isnull=True)).select_related("user")
    if filters.get("username"):
        events = events.filter(username__icontains=filters["username"])
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
