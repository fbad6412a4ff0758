"""Reads about recorded activity: the lists, the choices of the entry forms, the youth search.

Every list takes a fixed number of queries whatever the number of records: the
related rows a list shows are joined or prefetched, counts are annotated.
"""

import datetime
from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from carnet.access.models import Membership, User
from carnet.access.permissions import Capability, roles_with
from carnet.organisations.models import Commune, Organisation, Partner, Quartier, Team
from carnet.youths.models import Youth
from carnet.youths.queries import matching

from .models import (
    CollectiveAction,
    DiagnosticNeed,
    Intervention,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)

PAGE_SIZE = 25
# Typing fewer letters than this finds too many youths to be of use.
SEARCH_MIN_LENGTH = 2
SEARCH_LIMIT = 8


def page_of(records: QuerySet, *, number: str | int | None, size: int = PAGE_SIZE) -> Page:
    """One page of ``records``; a missing or wrong page number gives the nearest page."""
    return Paginator(records, size).get_page(number)


# --- Lists -----------------------------------------------------------------------------


def presence_sessions_for(*, teams: QuerySet[Team]) -> QuerySet[PresenceSession]:
    return (
        PresenceSession.objects.filter(team__in=teams)
        .select_related("team", "kind", "commune", "quartier")
        .annotate(known_count=Count("known_youths"))
        .prefetch_related("educators")
        .order_by("-date", "-id")
    )


def interventions_for(*, teams: QuerySet[Team]) -> QuerySet[Intervention]:
    return (
        Intervention.objects.filter(team__in=teams)
        .select_related("team", "youth")
        .prefetch_related("domains", "educators")
        .order_by("-date", "-id")
    )


def collective_actions_for(*, teams: QuerySet[Team]) -> QuerySet[CollectiveAction]:
    return (
        CollectiveAction.objects.filter(team__in=teams)
        .select_related("team", "action_type", "commune", "quartier")
        .annotate(known_count=Count("participants"))
        .prefetch_related("educators")
        .order_by("-start_date", "-id")
    )


def partnership_meetings_for(*, teams: QuerySet[Team]) -> QuerySet[PartnershipMeeting]:
    return (
        PartnershipMeeting.objects.filter(team__in=teams)
        .select_related("team", "kind", "commune")
        .prefetch_related("partners", "educators")
        .order_by("-date", "-id")
    )


# --- Choices and defaults of the entry forms ----------------------------------------------


def organisations_of(*, teams: QuerySet[Team]) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=teams.values("organisation"))


def communes_of(*, teams: QuerySet[Team]) -> QuerySet[Commune]:
    return Commune.objects.filter(team__in=teams).order_by("name", "id")


def quartiers_of(*, teams: QuerySet[Team]) -> QuerySet[Quartier]:
    return (
        Quartier.objects.filter(commune__team__in=teams)
        .select_related("commune")
        .order_by("commune__name", "name")
    )


def usual_commune(*, user: User, teams: QuerySet[Team]) -> Commune | None:
    """The commune an educator works in most: the one they are référent·e of, else the team's first."""
    communes = communes_of(teams=teams)
    return communes.filter(referent=user).first() or communes.order_by("team__name", "name").first()


def educators_of(
    *, teams: QuerySet[Team], include: Iterable[int] = (), today: datetime.date | None = None
) -> QuerySet[User]:
    """Staff who record the activity of ``teams`` today, plus the users ``include`` names.

    ``include`` keeps a former colleague on the records they took part in.
    """
    today = today or timezone.localdate()
    memberships = Membership.objects.filter(
        team__in=teams, role__in=roles_with(Capability.RECORD_ACTIVITY)
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    current = Q(is_active=True, pk__in=memberships.values("user"))
    return User.objects.filter(current | Q(pk__in=list(include))).order_by("first_name", "last_name", "id")


def active_partners_of(
    *, teams: QuerySet[Team], include: Iterable[int] = (), used_in: str = "interventions"
) -> QuerySet[Partner]:
    """Partners ``teams`` work with and still use, the ones most named in their ``used_in``
    records first (``interventions``, ``collective_actions`` or ``meetings``), plus those
    ``include`` names.

    A partner of the organisation placed in a commune of another team is that team's: it is
    left out; one with no commune (a departmental service) is everyone's.
    """
    organisations = organisations_of(teams=teams)
    theirs = Q(commune__isnull=True) | Q(commune__team__in=teams)
    in_use = Q(is_active=True) & theirs
    uses = Count(used_in, filter=Q(**{f"{used_in}__team__in": teams}))
    return (
        Partner.objects.filter(in_use | Q(pk__in=list(include)), organisation__in=organisations)
        .annotate(uses=uses)
        .order_by("-uses", "name")
    )


def referential_choices(model: type, *, teams: QuerySet[Team], include: Iterable[int] = ()) -> QuerySet:
    """Values of a referential for ``teams``: those in use, plus retired ones ``include`` names."""
    return model.objects.filter(
        Q(is_active=True) | Q(pk__in=list(include)), organisation__in=organisations_of(teams=teams)
    ).order_by("position", "label")


def youths_matching(
    *, youths: QuerySet[Youth], text: str, exclude: Iterable[int] = (), limit: int = SEARCH_LIMIT
) -> list[Youth]:
    """Of ``youths`` (the reader's, from the permission layer), those found by a few letters
    of a name or code, names starting so first.

    Fewer than two letters find nobody: the list would be the whole team.
    """
    text = " ".join(text.split())
    if len(text) < SEARCH_MIN_LENGTH:
        return []
    youths = matching(youths, text).exclude(pk__in=list(exclude))
    starts = Q(first_name__istartswith=text) | Q(nickname__istartswith=text) | Q(code__istartswith=text)
    youths = youths.annotate(
        rank=Case(When(starts, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    return list(youths.order_by("rank", "first_name", "nickname", "code", "id")[:limit])


# --- Territorial diagnostics ------------------------------------------------------------------


def diagnostics_for(*, teams: QuerySet[Team]) -> QuerySet[TerritorialDiagnostic]:
    """Diagnostics of ``teams``, by quartier, newest first; each need counts the actions it motivated."""
    needs = DiagnosticNeed.objects.annotate(action_count=Count("actions")).order_by("position")
    return (
        TerritorialDiagnostic.objects.filter(team__in=teams)
        .select_related("team", "quartier__commune")
        .prefetch_related("partners", Prefetch("needs", queryset=needs))
        .order_by("quartier__commune__name", "quartier__name", "-date", "-id")
    )


def needs_choices(*, teams: QuerySet[Team]) -> QuerySet[DiagnosticNeed]:
    """Needs of the diagnostics of ``teams``, for linking an action to what motivated it."""
    return (
        DiagnosticNeed.objects.filter(diagnostic__team__in=teams)
        .select_related("diagnostic__quartier")
        .order_by("diagnostic__quartier__name", "-diagnostic__date", "position")
    )
