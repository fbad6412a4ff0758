"""The educators' screens: quick entries, lists, changes and deletions of recorded activity."""

from .actions import action_create, action_delete, action_list, action_update
from .diagnostics import diagnostic_create, diagnostic_list, diagnostic_pdf, diagnostic_update
from .index import index
from .interventions import intervention_create, intervention_delete, intervention_list, intervention_update
from .meetings import meeting_create, meeting_delete, meeting_list, meeting_update
from .presence import presence_create, presence_delete, presence_list, presence_update
from .search import youth_search

__all__ = [
    "action_create",
    "action_delete",
    "action_list",
    "action_update",
    "diagnostic_create",
    "diagnostic_list",
    "diagnostic_pdf",
    "diagnostic_update",
    "index",
    "intervention_create",
    "intervention_delete",
    "intervention_list",
    "intervention_update",
    "meeting_create",
    "meeting_delete",
    "meeting_list",
    "meeting_update",
    "presence_create",
    "presence_delete",
    "presence_list",
    "presence_update",
    "youth_search",
]
