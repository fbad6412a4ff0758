"""The records a team keeps alongside its activity, in its whole export: the goals and reviews
of its youths' individualised projects (PAEI), the needs of its territorial diagnostics its
collective actions answer, and its agenda (planned presences, actions, meetings, and the
weekly team meeting's agenda and decisions).

They belong to the team's data: the report reads PAEI reviews (R16) and action–need links
(R11, « après étude des besoins »), and the team works from its agenda every day. They name
the records they hang on (a youth's accompaniment, an action, a diagnostic, a presence) by
the identifiers the export gives those, so they travel only in a whole export (ZIP or JSON),
read after the other kinds (``attached_import``). Accounts are not exported: a planned
event's people and a review's author stay behind.
"""

import enum
from collections.abc import Iterator

from carnet.activity.models import CollectiveAction
from carnet.agenda.models import PlannedEvent
from carnet.youths.models import PaeiGoal, PaeiGoalReview, PaeiReview

from .export_scope import ExportScope, record_identifier, youth_identifier


class AttachedKind(enum.StrEnum):
    PAEI_GOALS = "paei_goals"
    PAEI_REVIEWS = "paei_reviews"
    ACTION_NEEDS = "action_needs"
    AGENDA = "agenda"


YOUTH = "Identifiant du jeune"
PERIOD_START = "Début de l'accompagnement"
GOAL = "Objectif"

HEADERS: dict[AttachedKind, tuple[str, ...]] = {
    AttachedKind.PAEI_GOALS: (
        YOUTH,
        PERIOD_START,
        GOAL,
        "Domaine",
        "Échéance",
        "Ordre",
        "Atteint le",
        "Prochain point du projet",
    ),
    AttachedKind.PAEI_REVIEWS: (YOUTH, PERIOD_START, "Date du point", GOAL, "Avancement", "Note factuelle"),
    AttachedKind.ACTION_NEEDS: ("Identifiant de l'action", "Identifiant du diagnostic", "Besoin"),
    AttachedKind.AGENDA: (
        "Type",
        "Intitulé",
        "Date",
        "Début",
        "Fin",
        "Lieu",
        "Commune",
        "Quartier",
        "Type de présence",
        "Ordre du jour",
        "Relevé de décisions",
        "Présence enregistrée",
    ),
}
# In the order an import reads them: goals before the reviews that name them.
FILE_NAMES = {
    AttachedKind.PAEI_GOALS: "objectifs-paei.csv",
    AttachedKind.PAEI_REVIEWS: "points-paei.csv",
    AttachedKind.ACTION_NEEDS: "besoins-des-actions.csv",
    AttachedKind.AGENDA: "agenda.csv",
}
JSON_KEYS = {
    AttachedKind.PAEI_GOALS: "objectifs_paei",
    AttachedKind.PAEI_REVIEWS: "points_paei",
    AttachedKind.ACTION_NEEDS: "besoins_des_actions",
    AttachedKind.AGENDA: "agenda",
}
LABELS = {
    AttachedKind.PAEI_GOALS: "objectifs de PAEI",
    AttachedKind.PAEI_REVIEWS: "points de PAEI",
    AttachedKind.ACTION_NEEDS: "besoins à l'origine des actions",
    AttachedKind.AGENDA: "agenda de l'équipe",
}


def rows(*, scope: ExportScope, kind: AttachedKind) -> Iterator[tuple]:
    """The team's records of ``kind`` as rows of ``HEADERS[kind]``."""
    return _ROWS[kind](scope)


def _time(value) -> str:
    return f"{value:%H:%M}"


def _paei_goals(scope: ExportScope):
    goals = PaeiGoal.objects.filter(period__youth__team=scope.team)
    goals = scope.of_exported_youths(goals, "period__youth").select_related("period__youth", "domain")
    for g in goals.order_by("period__youth_id", "period__start", "position", "pk").iterator(chunk_size=2000):
        youth = g.period.youth
        yield (
            youth_identifier(youth.pk, youth.external_id),
            g.period.start,
            g.text,
            g.domain.label if g.domain else "",
            g.target_date,
            g.position,
            g.reached_on,
            g.period.next_review_on,
        )


def _paei_reviews(scope: ExportScope):
    reviews = scope.of_exported_youths(
        PaeiReview.objects.filter(period__youth__team=scope.team), "period__youth"
    )
    reviews = reviews.select_related("period__youth").prefetch_related("goal_reviews__goal")
    for r in reviews.order_by("period__youth_id", "period__start", "date", "pk").iterator(chunk_size=1000):
        youth = youth_identifier(r.period.youth_id, r.period.youth.external_id)
        goal_reviews: list[PaeiGoalReview] = sorted(
            r.goal_reviews.all(), key=lambda item: (item.goal.position, item.goal_id)
        )
        if not goal_reviews:
            # A review without its goals' progress still says the project was reviewed that day.
            yield youth, r.period.start, r.date, "", "", ""
        for item in goal_reviews:
            yield youth, r.period.start, r.date, item.goal.text, item.get_progress_display(), item.note


def _action_needs(scope: ExportScope):
    links = CollectiveAction.needs.through.objects.filter(collectiveaction__team=scope.team)
    links = links.select_related("collectiveaction", "diagnosticneed__diagnostic")
    for link in links.order_by(
        "collectiveaction_id", "diagnosticneed__diagnostic_id", "diagnosticneed__position"
    ):
        need = link.diagnosticneed
        yield record_identifier(link.collectiveaction), record_identifier(need.diagnostic), need.label


def _agenda(scope: ExportScope):
    events = PlannedEvent.objects.filter(team=scope.team)
    events = events.select_related("commune", "quartier", "presence_kind", "recorded_session")
    for e in events.order_by("date", "start_time", "pk").iterator(chunk_size=2000):
        yield (
            e.get_kind_display(),
            e.title,
            e.date,
            _time(e.start_time),
            _time(e.end_time),
            e.place,
            e.commune.name if e.commune else "",
            e.quartier.name if e.quartier else "",
            e.presence_kind.label if e.presence_kind else "",
            e.agenda,
            e.decisions,
            record_identifier(e.recorded_session) if e.recorded_session else "",
        )


_ROWS = {
    AttachedKind.PAEI_GOALS: _paei_goals,
    AttachedKind.PAEI_REVIEWS: _paei_reviews,
    AttachedKind.ACTION_NEEDS: _action_needs,
    AttachedKind.AGENDA: _agenda,
}
