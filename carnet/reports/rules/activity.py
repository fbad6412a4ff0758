"""Rules about the work: domains (R8), collective actions (R9 to R11, R15),
street presence (R12), partnership meetings (R13) and partners (R14).

Each figure is a GROUP BY over one of the scope's record sets (``records``);
the drill-down filters the same record set with the same keys.
"""

import datetime
from typing import NamedTuple

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from carnet.activity.models import ActionRole, CollectiveAction, Intervention, PartnershipMeeting
from carnet.facts.models import ActionFact, ActionLineFact, DomainYearFact, PresenceFact
from carnet.organisations.models import Partner
from carnet.referentials.models import ActionCategory, Domain

from ..scope import ReportScope
from .expressions import DaysBetween
from .records import (
    actions_in_report,
    in_report,
    meetings_in_report,
    presence_sessions_in_report,
)

# end date minus start date, in days; one day is added per action to count days.
_SPAN = DaysBetween(F("start_date"), F("end_date"))


class DomainFigures(NamedTuple):
    interventions: int
    youths: int


def count_interventions_by_domain(*, scope: ReportScope) -> dict[str, DomainFigures]:
    """R8 — Interventions of the period by domain.

    For each domain (by code): the interventions of the scope dated in the
    period that are tagged with it, and the distinct youths they concern. An
    intervention tagged with two domains counts in both rows; one with no
    domain in none. The percentage of a row is its interventions over the sum
    of all rows' interventions.

    Over whole calendar years, the figures are sums of the per-youth-per-year facts
    (``carnet.facts``: a youth's interventions of a year by domain, by the youth's own
    team), which hold exactly these counts; a youth counts once in a domain, through the
    first year of the period in which they have a fact of it (its previous year falls
    before the period). The report reads these facts summed by team, year, domain and
    previous year.
    """
    years = whole_years(scope)
    if years is not None:
        # The same sums, read from the per-youth-per-year facts (carnet.facts), which the
        # write services keep equal to the records: a few rows per youth instead of every
        # link joined to its intervention and youth, and a filtered count instead of a
        # COUNT(DISTINCT) that sorts them (docs/performance.md).
        # Summed by team and year (DomainYearFact): a few rows per team, year and domain.
        first_of_youth = Q(previous_year__lt=years[0])
        rows = DomainYearFact.objects.filter(scope.records_of(), year__range=years).values("domain")
        rows = rows.annotate(
            interventions=Sum("interventions"), youths=Coalesce(Sum("youths", filter=first_of_youth), 0)
        )
    else:
        # From the link table: an intervention is tagged with a domain at most once, so its
        # rows count the interventions without a DISTINCT. Grouped by the domain's id:
        # joining each row to its domain for the code, and sorting the codes, cost more
        # than the count; the code is read once per group.
        rows = (
            Intervention.domains.through.objects.filter(in_report(scope, "interventions", "intervention__"))
            .values("domain")
            .annotate(interventions=Count("pk"), youths=Count("intervention__youth", distinct=True))
        )
    rows = rows.order_by().annotate(
        code=Subquery(Domain.objects.filter(pk=OuterRef("domain")).order_by().values("code"))
    )
    return {row["code"]: DomainFigures(row["interventions"], row["youths"]) for row in rows}


def whole_years(scope: ReportScope) -> tuple[int, int] | None:
    """The first and last calendar years of a scope that covers whole years (1 January to
    31 December) over all its communes, else None: only such a scope can be summed from
    facts kept per year, which know the team and not the commune."""
    if scope.commune is not None or (scope.start.month, scope.start.day) != (1, 1):
        return None
    if (scope.end.month, scope.end.day) != (12, 31):
        return None
    return scope.start.year, scope.end.year


class ActionFigures(NamedTuple):
    actions: int
    days: int


def count_actions_by_category(*, scope: ReportScope) -> dict[str, ActionFigures]:
    """R9 — Collective actions starting in the period, by category of their type.

    Categories: workshop, outing, trip, local development (DSL), other. Days
    of an action: end date minus start date plus one (a two-day trip: 2).
    Over whole calendar years, summed from the per-team-year facts (``carnet.facts``).
    """
    return _count_actions(scope, "action_type__category")


def count_actions_by_type(*, scope: ReportScope) -> dict[str, ActionFigures]:
    """R9 — Collective actions starting in the period, by action type (code), with their days.
    Over whole calendar years, summed from the per-team-year facts (``carnet.facts``)."""
    return _count_actions(scope, "action_type__code")


def local_development_actions(*, scope: ReportScope) -> QuerySet[CollectiveAction]:
    """R10 — Actions of the period whose type is of the local development (DSL) category."""
    return actions_in_report(scope=scope).filter(action_type__category=ActionCategory.LOCAL_DEVELOPMENT)


def count_local_development_actions_by_role(*, scope: ReportScope) -> dict[str, int]:
    """R10 — DSL actions of the period by the team's role: initiated or associated.
    Over whole calendar years, summed from the facts of the action list (``carnet.facts``),
    which count the actions of each team, year, type and role."""
    years = whole_years(scope)
    if years is not None:
        rows = ActionLineFact.objects.filter(
            scope.records_of(), year__range=years, action_type__category=ActionCategory.LOCAL_DEVELOPMENT
        )
        rows = rows.order_by().values("role").annotate(n=Sum("actions"))
    else:
        rows = local_development_actions(scope=scope).order_by().values("role").annotate(n=Count("pk"))
    return {row["role"]: row["n"] for row in rows}


class GeneralActionFigures(NamedTuple):
    commune_events: int
    after_needs_study: int


def after_needs_study() -> Q:
    """R11 — An action carried out after a needs study: flagged so, or linked to a need a
    territorial diagnostic identified."""
    linked = CollectiveAction.needs.through.objects.filter(collectiveaction=OuterRef("pk"))
    return Q(after_needs_study=True) | Q(Exists(linked))


def count_general_action(*, scope: ReportScope) -> GeneralActionFigures:
    """R11 — Actions of the period that are events initiated by a commune, and actions
    carried out after a needs study (an action may be both, or neither)."""
    figures = actions_in_report(scope=scope).aggregate(
        commune_events=Count("pk", filter=Q(commune_event=True)),
        after_needs_study=Count("pk", filter=after_needs_study()),
    )
    return GeneralActionFigures(figures["commune_events"], figures["after_needs_study"])


class PresenceFigures(NamedTuple):
    sessions: int
    minutes: int
    youths_met: int


def count_presence_by_kind(*, scope: ReportScope) -> dict[str, PresenceFigures]:
    """R12 — Street presence of the period by kind (code): sessions, minutes, youths met.

    Hours are the sum of the sessions' durations, shown in hours with one
    decimal; youths met is the sum of the head counts recorded on sessions.
    Over whole calendar years, summed from the per-team-year facts (``carnet.facts``).
    """
    years = whole_years(scope)
    if years is not None:
        rows = (
            PresenceFact.objects.filter(scope.records_of(), year__range=years)
            .order_by()
            .values("kind__code")
            .annotate(sessions=Sum("sessions"), minutes=Sum("minutes"), youths_met=Sum("youths_met"))
        )
    else:
        rows = (
            presence_sessions_in_report(scope=scope)
            .order_by()
            .values("kind__code")
            .annotate(sessions=Count("pk"), minutes=Sum("duration_minutes"), youths_met=Sum("youths_met"))
        )
    return {
        row["kind__code"]: PresenceFigures(row["sessions"], row["minutes"], row["youths_met"]) for row in rows
    }


class MeetingFigures(NamedTuple):
    meetings: int
    minutes: int


def count_meetings_by_kind(*, scope: ReportScope) -> dict[str, MeetingFigures]:
    """R13 — Partnership meetings of the period by kind (code): number and summed duration."""
    rows = (
        meetings_in_report(scope=scope)
        .order_by()
        .values("kind__code")
        .annotate(meetings=Count("pk"), minutes=Sum("duration_minutes"))
    )
    return {row["kind__code"]: MeetingFigures(row["meetings"], row["minutes"]) for row in rows}


def partners_mobilised(*, scope: ReportScope) -> QuerySet[Partner]:
    """R14 — Partners linked to an intervention, a collective action or a partnership
    meeting of the report, each once, ordered by name (once too when several teams of an
    organisation's report mobilised it)."""
    through = {
        Intervention.partners.through: ("interventions", "intervention__"),
        CollectiveAction.partners.through: ("actions", "collectiveaction__"),
        PartnershipMeeting.partners.through: ("meetings", "partnershipmeeting__"),
    }
    probe = scope.is_organisation and _many_interventions(scope)
    linked, probes = Q(), {}
    for link, (records, prefix) in through.items():
        if probe:
            # Per partner of the organisation, the first link of the report answers: a few
            # hundred index probes instead of collecting every link of every team. With few
            # records (a team's, a short or empty period such as the previous one of a
            # comparison), the IN list of their links wins, while a probe would read every
            # link of each partner to find none (docs/performance.md). The probe is a
            # subquery of one row, not an EXISTS: PostgreSQL turns an EXISTS into a hashed
            # list of every link of the period (at L, 325,707 interventions joined to their
            # partners: 370 ms). It names no team: a record links only partners of its own
            # organisation (the services check it), and a condition on the teams made
            # PostgreSQL read every link of each partner for each of the organisation's teams.
            found = link.objects.filter(
                in_report(scope, records, prefix, teams=False), partner=OuterRef("pk")
            )
            probes[f"first_{records}_link"] = Subquery(found.values("pk")[:1])
            linked |= Q(**{f"first_{records}_link__isnull": False})
        else:
            linked |= Q(pk__in=link.objects.filter(in_report(scope, records, prefix)).values("partner_id"))
    partners = (
        Partner.objects.filter(organisation=scope.organisation_id)
        if scope.is_organisation
        else Partner.objects
    )
    return partners.alias(**probes).filter(linked).order_by("name", "pk")


# From this many interventions in the period on, the partners are found by probes (R14):
# at L, one year of an organisation (32,000) reads alike both ways, ten years (325,000) in
# 3 ms by probes against 140 ms for the IN list, an empty year in 4 ms against 190 ms.
MANY_INTERVENTIONS = 50_000


def _many_interventions(scope: ReportScope) -> bool:
    """Whether the scope's period holds MANY_INTERVENTIONS or more (counting stops there)."""
    period = Intervention.objects.filter(scope.records_of(), date__range=(scope.start, scope.end))
    return period.order_by().values("pk")[:MANY_INTERVENTIONS].count() >= MANY_INTERVENTIONS


class ActionGroup(NamedTuple):
    """Collective actions of one title, type and role: one line of the report's list."""

    first_id: int
    title: str
    action_type: str
    category: str
    role: str
    actions: int
    first_date: datetime.date
    last_date: datetime.date
    days: int
    participants: int


def action_line_figures() -> dict:
    """R15 — What one line of the action list sums over its actions (aggregates of
    CollectiveAction rows): the first action, the number of actions, the first start and last
    end dates, the spans (end minus start, in days) and the participants — the known
    participants plus the anonymous head counts, summed over the sessions.

    Each action adds its known participants, counted in its own link rows (an index probe),
    to its anonymous head counts; joining the links instead would repeat the anonymous counts
    once per known participant. The facts of the lines (``carnet.facts``) sum the same."""
    known = (
        CollectiveAction.participants.through.objects.filter(collectiveaction=OuterRef("pk"))
        .order_by()
        .values("collectiveaction")
        .annotate(n=Count("pk"))
        .values("n")
    )
    participants = (
        F("anonymous_male")
        + F("anonymous_female")
        + F("anonymous_non_binary")
        + Coalesce(Subquery(known, output_field=IntegerField()), 0)
    )
    return {
        "first_id": Min("pk"),
        "n": Count("pk"),
        "first_date": Min("start_date"),
        "last_date": Max("end_date"),
        "span": Sum(_SPAN),
        "participants": Sum(participants),
    }


def collective_actions_list(*, scope: ReportScope) -> list[ActionGroup]:
    """R15 — The collective actions of the period, grouped by title, type and role (a weekly
    workshop is one line with its number of sessions), in order of first date, each with the
    figures of ``action_line_figures``. In an organisation's report, actions of the same
    title, type and role of several teams share one line.

    Over whole calendar years, the lines are sums of the facts kept per team, year, title,
    type and role (``carnet.facts``: an organisation's ten years are some 30,000 facts instead
    of 65,000 actions and their 360,000 participant links); otherwise one query over the
    actions, whatever their number."""
    group = ("title", "action_type__label", "action_type__category", "role")
    years = whole_years(scope)
    if years is not None:
        rows = (
            ActionLineFact.objects.filter(scope.records_of(), year__range=years)
            .order_by()
            .values(*group)
            .annotate(
                first_id=Min("first_action"),
                n=Sum("actions"),
                first_date=Min("first_date"),
                last_date=Max("last_date"),
                span=Sum("span"),
                participants=Sum("participants"),
            )
        )
    else:
        rows = actions_in_report(scope=scope).order_by().values(*group).annotate(**action_line_figures())
    roles = dict(ActionRole.choices)
    groups = [
        ActionGroup(
            first_id=row["first_id"],
            title=row["title"],
            action_type=row["action_type__label"],
            category=str(ActionCategory(row["action_type__category"]).label),
            role=str(roles.get(row["role"], row["role"])),
            actions=row["n"],
            first_date=row["first_date"],
            last_date=row["last_date"],
            days=_days(row["span"], row["n"]),
            participants=row["participants"] or 0,
        )
        for row in rows
    ]
    return sorted(groups, key=lambda item: (item.first_date, item.title, item.first_id))


def _count_actions(scope: ReportScope, field: str) -> dict[str, ActionFigures]:
    years = whole_years(scope)
    if years is not None:
        facts = ActionFact.objects.filter(scope.records_of(), year__range=years).order_by().values(field)
        rows = facts.annotate(n=Sum("actions"), span=Sum("span"))
    else:
        rows = (
            actions_in_report(scope=scope).order_by().values(field).annotate(n=Count("pk"), span=Sum(_SPAN))
        )
    return {row[field]: ActionFigures(row["n"], _days(row["span"], row["n"])) for row in rows}


def _days(span: int | None, actions: int) -> int:
    return (span or 0) + actions
