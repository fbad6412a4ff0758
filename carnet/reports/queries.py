"""Reads behind the report pages: drill-down lists, links, issued reports."""

from dataclasses import dataclass
from functools import partial

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from carnet.access.models import User
from carnet.access.permissions import Capability, teams_with
from carnet.access.visibility import Visibility
from carnet.activity.models import (
    CollectiveAction,
    Intervention,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)
from carnet.youths.contact import last_contact_on
from carnet.youths.models import GoalProgress, PaeiGoal, Youth

from .models import Audience, IssuedReport
from .presentation import LinkFor, format_value
from .report import ActivityReport, Cell
from .rules import members
from .scope import ReportScope
from .serialize import tables_from_data

# Drill-down lists are for reading, not exporting: long lists are cut.
DRILLDOWN_LIMIT = 500


def link_maker(query: str) -> LinkFor:
    base = reverse("reports:drilldown")

    def link_for(cell: Cell) -> str:
        return f"{base}?{query}&{urlencode(cell.key.as_kwargs())}"

    return link_for


@dataclass(frozen=True)
class Listing:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[tuple[str, str | None], ...]]  # (text, link) per cell
    total: int


def _youth_rows(youths: QuerySet[Youth], *, scope: ReportScope):
    youths = youths.select_related("commune", "quartier").order_by("first_name", "nickname", "code", "pk")
    # The last contact as it stood on the period's last day: the list reads like the report.
    youths = youths.annotate(last_contact=last_contact_on(scope.end))
    for youth in youths[:DRILLDOWN_LIMIT]:
        yield (
            (youth.display_name, reverse("youths:detail", args=[youth.pk])),
            (youth.get_sex_display() or _("Non renseigné"), None),
            (str(youth.birth_year or "—"), None),
            (str(youth.commune or "—"), None),
            (str(youth.quartier.name if youth.quartier else "—"), None),
            (youth.last_contact.strftime("%d/%m/%Y") if youth.last_contact else "—", None),
        )


def _intervention_rows(interventions: QuerySet[Intervention]):
    interventions = interventions.select_related("youth").prefetch_related("domains").order_by("date", "pk")
    for intervention in interventions[:DRILLDOWN_LIMIT]:
        yield (
            (intervention.date.strftime("%d/%m/%Y"), None),
            (
                intervention.youth.display_name,
                reverse("youths:detail", args=[intervention.youth_id]),
            ),
            (intervention.get_kind_display(), None),
            (", ".join(domain.label for domain in intervention.domains.all()), None),
        )


def _action_rows(actions: QuerySet[CollectiveAction]):
    for action in actions.select_related("action_type").order_by("start_date", "pk")[:DRILLDOWN_LIMIT]:
        yield (
            (action.start_date.strftime("%d/%m/%Y"), None),
            (action.title, reverse("activity:action_update", args=[action.pk])),
            (action.action_type.label, None),
            (action.get_role_display(), None),
        )


def _session_rows(sessions: QuerySet[PresenceSession]):
    for session in sessions.select_related("kind", "quartier").order_by("date", "pk")[:DRILLDOWN_LIMIT]:
        yield (
            (session.date.strftime("%d/%m/%Y"), None),
            (session.kind.label, reverse("activity:presence_update", args=[session.pk])),
            (f"{session.duration_minutes // 60} h {session.duration_minutes % 60:02d}", None),
            (str(session.youths_met), None),
        )


def _meeting_rows(meetings: QuerySet[PartnershipMeeting]):
    for meeting in meetings.select_related("kind").order_by("date", "pk")[:DRILLDOWN_LIMIT]:
        yield (
            (meeting.date.strftime("%d/%m/%Y"), None),
            (meeting.kind.label, reverse("activity:meeting_update", args=[meeting.pk])),
            (meeting.subject, None),
        )


def _goal_rows(goals: QuerySet[PaeiGoal]):
    goals = goals.select_related("period__youth", "domain").order_by("period__youth__first_name", "pk")
    outcomes = dict(GoalProgress.choices)
    for goal in goals[:DRILLDOWN_LIMIT]:
        youth = goal.period.youth
        yield (
            (youth.display_name, reverse("youths:detail", args=[youth.pk])),
            (goal.domain.label if goal.domain else _("Non renseigné"), None),
            (goal.text, None),
            (str(outcomes.get(goal.outcome, goal.outcome)), None),
        )


def _diagnostic_rows(diagnostics: QuerySet[TerritorialDiagnostic]):
    diagnostics = diagnostics.select_related("quartier__commune").order_by("date", "pk")
    for diagnostic in diagnostics[:DRILLDOWN_LIMIT]:
        yield (
            (diagnostic.date.strftime("%d/%m/%Y"), None),
            (diagnostic.quartier.name, reverse("activity:diagnostic_update", args=[diagnostic.pk])),
            (diagnostic.quartier.commune.name, None),
        )


def drilldown_rows(*, scope: ReportScope, table: str, row: str, column: str, reader: Visibility) -> Listing:
    """The records behind one cell of the report, ready to list; ``reader`` logs the names shown."""
    records = members(scope=scope, table=table, row=row, column=column)
    model = records.model
    layouts = {
        Youth: (
            _("Jeunes comptés"),
            (
                _("Jeune"),
                _("Sexe"),
                _("Année de naissance"),
                _("Commune"),
                _("Quartier"),
                _("Dernier contact"),
            ),
            partial(_youth_rows, scope=scope),
        ),
        Intervention: (
            _("Interventions comptées"),
            (_("Date"), _("Jeune"), _("Type"), _("Domaines")),
            _intervention_rows,
        ),
        CollectiveAction: (
            _("Actions comptées"),
            (_("Date"), _("Action"), _("Type"), _("Rôle de l'équipe")),
            _action_rows,
        ),
        PresenceSession: (
            _("Présences comptées"),
            (_("Date"), _("Type"), _("Durée"), _("Jeunes rencontrés")),
            _session_rows,
        ),
        PartnershipMeeting: (_("Réunions comptées"), (_("Date"), _("Type"), _("Objet")), _meeting_rows),
        TerritorialDiagnostic: (
            _("Diagnostics comptés"),
            (_("Date"), _("Quartier"), _("Commune")),
            _diagnostic_rows,
        ),
        PaeiGoal: (
            _("Objectifs comptés"),
            (_("Jeune"), _("Domaine"), _("Objectif"), _("Avancement")),
            _goal_rows,
        ),
    }
    title, headers, rows = layouts[model]
    if model in NAMING_YOUTHS:
        records = reader.read(records, what=NAMING_YOUTHS[model])
    return Listing(title=title, headers=headers, rows=list(rows(records)), total=records.count())


@dataclass(frozen=True)
class FigureHeading:
    """What a drill-down page lists: « Domaines travaillés », « Famille — Jeunes : 20 »."""

    table: str
    figure: str


def figure_heading(*, report: ActivityReport, table: str, row: str, column: str) -> FigureHeading | None:
    """The figure of ``report`` a drill-down lists, named as the report prints it (None if the
    report has no such cell)."""
    found = next((candidate for candidate in report.tables if candidate.key == table), None)
    if found is None:
        return None
    rows = [*found.rows, *([found.total] if found.total is not None else [])]
    line = next((candidate for candidate in rows if candidate.key == row), None)
    label = next((candidate.label for candidate in found.columns if candidate.key == column), None)
    if line is None or label is None:
        return None
    value = format_value(line.value(column), column=column)
    return FigureHeading(found.title, f"{line.label} — {label} : {value}")


# Listings that name youths, each logged as a read of its records (the youths behind a figure).
NAMING_YOUTHS = {Youth: "jeunes", Intervention: "interventions", PaeiGoal: "objectifs"}


def issued_reports_for(user: User) -> QuerySet[IssuedReport]:
    """Issued reports a user may open: all of their teams' for team leaders and directors,
    only external versions for funder viewers."""
    full = teams_with(user, Capability.VIEW_REPORTS)
    external_only = teams_with(user, Capability.VIEW_ISSUED_REPORTS)
    return (
        (
            IssuedReport.objects.filter(team__in=full)
            | IssuedReport.objects.filter(team__in=external_only, audience=Audience.EXTERNAL)
        )
        .select_related("team", "commune", "issued_by")
        .distinct()
    )


def issued_external_reports(*, scope: ReportScope) -> list[ActivityReport]:
    """The external versions already issued for the team and period of ``scope`` at its
    other scopes (the team, each commune), the latest of each, as their readers hold them."""
    issued = (
        IssuedReport.objects.filter(
            team=scope.team, start=scope.start, end=scope.end, audience=Audience.EXTERNAL
        )
        .exclude(commune=scope.commune)
        .select_related("team", "commune")
        .order_by("commune_id", "-issued_at")
    )
    latest: dict[int | None, IssuedReport] = {}
    for report in issued:
        latest.setdefault(report.commune_id, report)
    return [
        ActivityReport(
            scope=ReportScope(team=report.team, commune=report.commune, start=report.start, end=report.end),
            youths=report.figures.get("youths"),
            youths_in_contact=report.figures.get("youths_in_contact"),
            tables=tables_from_data(report.figures),
            actions=(),
            partners=(),
            data_gaps=(),
        )
        for report in latest.values()
    ]
