"""Reads about youths: the list and its filters, a youth's page and timeline, likely duplicates.

Every read here takes a fixed number of queries whatever the number of youths
or records: per-youth values are computed in the database with subqueries.
"""

import calendar
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    CharField,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, Lower, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from carnet.access.models import Membership, Role, User
from carnet.activity.models import CollectiveAction, Intervention, InterventionKind, PresenceSession
from carnet.organisations.models import Commune, Quartier, Team
from carnet.referentials.models import Modality, Situation

from .contact import last_contact_on
from .models import AccompanimentPeriod, PaeiGoal, PaeiReview, SituationChange, Youth, YouthMerge
from .paei_queries import Project, project
from .search import Unaccent, fold

PAGE_SIZE = 50
# Filter value: youths with no modality (or no situation) at today.
WITHOUT = "sans"


class LastContact:
    """The last-contact filter of the list."""

    LAST_30_DAYS = "30j"
    LAST_3_MONTHS = "3m"
    OVER_6_MONTHS = "6m"
    choices = [
        (LAST_30_DAYS, gettext_lazy("Vu·e dans les 30 derniers jours")),
        (LAST_3_MONTHS, gettext_lazy("Vu·e dans les 3 derniers mois")),
        (OVER_6_MONTHS, gettext_lazy("Pas vu·e depuis plus de 6 mois")),
    ]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier, or that month's last day when it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last_day))


def periods_in_force(*, day: datetime.date) -> QuerySet[AccompanimentPeriod]:
    """The accompaniment period of the outer youth running on ``day`` (at most one: no overlaps)."""
    return AccompanimentPeriod.objects.filter(youth=OuterRef("pk"), start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gte=day)
    )


def situations_in_force(*, day: datetime.date) -> QuerySet[SituationChange]:
    """The outer youth's situation changes up to ``day``, the one in force first."""
    return SituationChange.objects.filter(youth=OuterRef("pk"), since__lte=day).order_by("-since")


def matching(youths: QuerySet[Youth], search: str) -> QuerySet[Youth]:
    """Youths whose first name, nickname, code, last name or quartier contains every word of ``search``."""
    words = fold(search).split()
    if not words:
        return youths
    haystack = Unaccent(
        Concat(
            "first_name",
            Value(" "),
            "nickname",
            Value(" "),
            "code",
            Value(" "),
            "last_name",
            Value(" "),
            Coalesce("quartier__name", Value("")),
            output_field=CharField(),
        )
    )
    youths = youths.alias(search_haystack=haystack)
    for word in words:
        youths = youths.filter(search_haystack__icontains=word)
    return youths


def with_list_columns(youths: QuerySet[Youth], *, today: datetime.date) -> QuerySet[Youth]:
    """``youths`` annotated with what the list shows: modality, situation and last contact at ``today``."""
    periods = periods_in_force(day=today)
    changes = situations_in_force(day=today)
    return youths.select_related("commune", "quartier").annotate(
        current_modality_id=Subquery(periods.values("modality_id")[:1]),
        current_modality=Subquery(periods.values("modality__label")[:1]),
        current_situation_id=Subquery(changes.values("situation_id")[:1]),
        current_situation=Subquery(changes.values("situation__label")[:1]),
        last_contact=last_contact_on(today),
        sort_name=Lower(Coalesce(NullIf("first_name", Value("")), NullIf("nickname", Value("")), "code")),
    )


def youth_list(
    *,
    youths: QuerySet[Youth],
    today: datetime.date,
    search: str = "",
    modality: Modality | str | None = None,
    situation: Situation | str | None = None,
    last_contact: str = "",
    commune: Commune | None = None,
) -> QuerySet[Youth]:
    """Of ``youths`` (the reader's, from the permission layer), those in use, filtered, by name.

    ``modality`` and ``situation`` are the ones in force at ``today``; ``WITHOUT``
    asks for youths without one.
    """
    youths = with_list_columns(youths.in_active_base(), today=today)
    youths = matching(youths, search)
    if commune is not None:
        youths = youths.filter(commune=commune)
    if modality == WITHOUT:
        youths = youths.filter(current_modality_id__isnull=True)
    elif modality is not None:
        youths = youths.filter(current_modality_id=modality.pk)
    if situation == WITHOUT:
        youths = youths.filter(current_situation_id__isnull=True)
    elif situation is not None:
        youths = youths.filter(current_situation_id=situation.pk)
    if last_contact == LastContact.LAST_30_DAYS:
        youths = youths.filter(last_contact__gte=today - datetime.timedelta(days=30))
    elif last_contact == LastContact.LAST_3_MONTHS:
        youths = youths.filter(last_contact__gte=months_before(today, 3))
    elif last_contact == LastContact.OVER_6_MONTHS:
        youths = youths.filter(Q(last_contact__lt=months_before(today, 6)) | Q(last_contact__isnull=True))
    return youths.order_by("sort_name", "id")


def duplicate_candidates(
    *,
    youths: QuerySet[Youth],
    team: Team,
    first_name: str,
    nickname: str,
    birth_year: int | None,
    commune: Commune | None,
    exclude: Youth | None = None,
) -> QuerySet[Youth]:
    """Of ``youths``, those of ``team`` likely to be the same person: a name, the birth year and
    the commune alike.

    Names compare without case or accents; a first name may match a nickname.
    """
    names = {fold(name) for name in (first_name, nickname) if name.strip()}
    if not names or birth_year is None or commune is None:
        return youths.none()
    youths = youths.active().filter(team=team, birth_year=birth_year, commune=commune)
    if exclude is not None:
        youths = youths.exclude(pk=exclude.pk)
    youths = youths.alias(first_folded=Unaccent("first_name"), nickname_folded=Unaccent("nickname"))
    same_name = Q()
    for name in names:
        same_name |= Q(first_folded__iexact=name) | Q(nickname_folded__iexact=name)
    return youths.filter(same_name).select_related("commune", "quartier")


def usual_place(*, user: User, communes: QuerySet[Commune]) -> tuple[Commune | None, Quartier | None]:
    """Where a youth an educator meets most likely lives, to pre-fill a new file.

    The commune is the one the educator is référent·e of among ``communes`` (else the only
    one); the quartier is the commune's where most of its youths live, or its only quartier.
    """
    commune = communes.filter(referent=user).order_by("name", "id").first()
    if commune is None and len(only := list(communes[:2])) == 1:
        commune = only[0]
    if commune is None:
        return None, None
    quartiers = Quartier.objects.filter(commune=commune).annotate(
        residents=Count("youths", filter=Q(youths__merged_into__isnull=True))
    )
    quartier = quartiers.order_by("-residents", "name").first()
    if quartier is not None and not quartier.residents and quartiers.count() > 1:
        quartier = None
    return commune, quartier


def merge_candidates(
    *, youths: QuerySet[Youth], youth: Youth, search: str, limit: int = 20
) -> QuerySet[Youth]:
    """Of ``youths``, the other records of the youth's team in use that ``search`` finds, for a merge."""
    if not fold(search):
        return youths.none()
    youths = youths.active().filter(team=youth.team_id).exclude(pk=youth.pk)
    return matching(youths, search).select_related("commune", "quartier").order_by("first_name", "id")[:limit]


def team_educators(*, team: Team, today: datetime.date | None = None) -> QuerySet[User]:
    """Staff who may be référent·e of a youth of ``team``: its current educators and team leaders."""
    today = today or timezone.localdate()
    memberships = Membership.objects.filter(team=team, role__in=[Role.EDUCATOR, Role.TEAM_LEADER]).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    return User.objects.filter(is_active=True, pk__in=memberships.values("user")).order_by(
        "first_name", "last_name"
    )


# --- A youth's page ----------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    day: datetime.date
    kind: str  # intervention, action, presence, accompaniment, situation: the template's styles
    label: str  # what kind of event, as the user reads it
    title: str
    details: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class YouthPage:
    youth: Youth
    current_period: AccompanimentPeriod | None
    current_situation: SituationChange | None
    goals: list[PaeiGoal]
    timeline: list[TimelineEntry]
    periods: list[AccompanimentPeriod] = field(default_factory=list)
    merges_into: list[YouthMerge] = field(default_factory=list)  # records merged into this one
    merged_by: YouthMerge | None = None  # when this record is archived by a merge
    project: Project | None = None  # the PAEI of the current period

    @property
    def timeline_counts(self) -> dict[str, int]:
        return dict(Counter(entry.kind for entry in self.timeline))

    @property
    def periods_count(self) -> int:
        return len(self.periods)


_KIND_ORDER = {"situation": 0, "accompaniment": 1, "presence": 2, "action": 3, "intervention": 4}


def youth_page(*, youth: Youth, today: datetime.date) -> YouthPage:
    """What a youth's page shows, in a fixed number of queries."""
    periods = list(
        youth.accompaniment_periods.select_related("modality").prefetch_related("referents", "goals")
    )
    changes = list(youth.situation_changes.select_related("situation"))
    current_period = next(
        (p for p in periods if p.start <= today and (p.end is None or p.end >= today)), None
    )
    current_situation = next((c for c in reversed(changes) if c.since <= today), None)
    merges = list(
        YouthMerge.objects.filter(Q(kept=youth) | Q(merged=youth), undone_at__isnull=True).select_related(
            "kept", "merged", "merged_by"
        )
    )
    timeline = [
        *_intervention_entries(youth),
        *_action_entries(youth),
        *_presence_entries(youth),
        *_period_entries(periods),
        *_review_entries(youth),
        *(TimelineEntry(c.since, "situation", _("Situation"), c.situation.label) for c in changes),
    ]
    timeline.sort(key=lambda entry: (entry.day, _KIND_ORDER[entry.kind]), reverse=True)
    return YouthPage(
        youth=youth,
        current_period=current_period,
        current_situation=current_situation,
        goals=list(current_period.goals.all()) if current_period else [],
        timeline=timeline,
        periods=periods,
        merges_into=[m for m in merges if m.kept_id == youth.pk],
        merged_by=next((m for m in merges if m.merged_id == youth.pk), None),
        project=project(period=current_period, today=today) if current_period else None,
    )


def _names(items) -> str:
    return ", ".join(str(item) for item in items)


def _intervention_entries(youth: Youth) -> list[TimelineEntry]:
    interventions = Intervention.objects.filter(youth=youth, team=youth.team_id)
    # Names are read as plain values: a youth followed for years has hundreds of interventions,
    # and a model instance and related manager per link cost more than the queries themselves.
    domains = _names_by_intervention(Intervention.domains.through, "domain", "label", interventions)
    partners = _names_by_intervention(Intervention.partners.through, "partner", "name", interventions)
    kinds = dict(InterventionKind.choices)
    entries = []
    for pk, day, kind, note in interventions.values_list("pk", "date", "kind", "note"):
        details = [", ".join(domains.get(pk, ()))]
        if names := partners.get(pk):
            details.append(_("Partenaires : %(names)s") % {"names": ", ".join(names)})
        entries.append(
            TimelineEntry(
                day,
                "intervention",
                _("Intervention"),
                str(kinds.get(kind, kind)),
                tuple(filter(None, details)),
                note,
            )
        )
    return entries


def _names_by_intervention(through, target: str, name: str, interventions: QuerySet) -> dict[int, list[str]]:
    """{intervention id: names of its ``target`` (domains, partners)}, in the target's own order."""
    ordering = [
        f"{target}__{field}" for field in through._meta.get_field(target).related_model._meta.ordering
    ]
    links = through.objects.filter(intervention__in=interventions.values("pk")).order_by(*ordering)
    names: dict[int, list[str]] = {}
    for intervention_id, label in links.values_list("intervention_id", f"{target}__{name}"):
        names.setdefault(intervention_id, []).append(label)
    return names


def _action_entries(youth: Youth) -> list[TimelineEntry]:
    actions = CollectiveAction.objects.filter(participants=youth, team=youth.team_id).select_related(
        "action_type"
    )
    entries = []
    for action in actions:
        details = (_("%(days)s jours") % {"days": action.days},) if action.days > 1 else ()
        entries.append(
            TimelineEntry(action.start_date, "action", action.action_type.label, action.title, details)
        )
    return entries


def _presence_entries(youth: Youth) -> list[TimelineEntry]:
    sessions = PresenceSession.objects.filter(known_youths=youth, team=youth.team_id).select_related(
        "kind", "quartier"
    )
    entries = []
    for session in sessions:
        where = session.place or (session.quartier.name if session.quartier else "")
        entries.append(
            TimelineEntry(
                session.date,
                "presence",
                _("Présence sociale"),
                session.kind.label,
                (where,) if where else (),
            )
        )
    return entries


def _period_entries(periods: list[AccompanimentPeriod]) -> list[TimelineEntry]:
    entries = []
    for period in periods:
        referents = _names(period.referents.all())
        details = (_("Référent·es : %(names)s") % {"names": referents},) if referents else ()
        entries.append(
            TimelineEntry(
                period.start, "accompaniment", _("Début d'accompagnement"), period.modality.label, details
            )
        )
        if period.end:
            entries.append(
                TimelineEntry(period.end, "accompaniment", _("Fin d'accompagnement"), period.modality.label)
            )
    return entries


def _review_entries(youth: Youth) -> list[TimelineEntry]:
    reviews = PaeiReview.objects.filter(period__youth=youth).annotate(goals=Count("goal_reviews"))
    return [
        TimelineEntry(
            day,
            "accompaniment",
            _("Point du PAEI"),
            ngettext("%(n)s objectif revu", "%(n)s objectifs revus", goals) % {"n": goals},
        )
        for day, goals in reviews.values_list("date", "goals")
    ]
