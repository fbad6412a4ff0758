"""Planning and writing, per kind: what a checked sheet creates and updates, then the bulk writes."""

from ..columns import ImportKind
from .activity import ActionPlanner, DiagnosticPlanner, InterventionPlanner, MeetingPlanner, PresencePlanner
from .base import BATCH_SIZE, Plan
from .journeys import AccompanimentPlanner, SituationPlanner
from .youths import YouthPlanner

PLANNERS: dict[ImportKind, type] = {
    ImportKind.YOUTHS: YouthPlanner,
    ImportKind.SITUATIONS: SituationPlanner,
    ImportKind.ACCOMPANIMENTS: AccompanimentPlanner,
    ImportKind.INTERVENTIONS: InterventionPlanner,
    ImportKind.ACTIONS: ActionPlanner,
    ImportKind.PRESENCES: PresencePlanner,
    ImportKind.MEETINGS: MeetingPlanner,
    ImportKind.DIAGNOSTICS: DiagnosticPlanner,
}

__all__ = ["BATCH_SIZE", "PLANNERS", "Plan"]
