"""Reads about an organisation's partners."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, TerritorialDiagnostic

from .models import Organisation, Partner

# The records that name a partner, through their many-to-many tables.
_USES = (
    Intervention.partners.through,
    CollectiveAction.partners.through,
    PartnershipMeeting.partners.through,
    TerritorialDiagnostic.partners.through,
)


def partners_for(*, organisations: QuerySet[Organisation]) -> QuerySet[Partner]:
    """Partners of ``organisations``, those in use first, by name, marked when a record names them."""
    used = Q()
    for through in _USES:
        used |= Q(Exists(through.objects.filter(partner=OuterRef("pk"))))
    return (
        Partner.objects.filter(organisation__in=organisations)
        .select_related("organisation", "commune")
        .annotate(is_used=ExpressionWrapper(used, output_field=BooleanField()))
        .order_by("-is_active", "name", "id")
    )


def partner_is_used(*, partner: Partner) -> bool:
    return any(through.objects.filter(partner=partner).exists() for through in _USES)
