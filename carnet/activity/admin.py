from django.contrib import admin

from carnet.access.admin_mixins import ScopedModelAdmin

from .models import (
    CollectiveAction,
    Intervention,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)


@admin.register(Intervention)
class InterventionAdmin(ScopedModelAdmin):
    list_display = ["date", "youth", "kind", "team"]
    list_filter = ["team", "kind", "domains"]
    date_hierarchy = "date"
    list_select_related = ["youth", "team"]
    filter_horizontal = ["domains", "partners", "educators"]
    # Not raw_id_fields: its label reads any youth by id, whatever the team (security review).
    autocomplete_fields = ["youth"]


@admin.register(CollectiveAction)
class CollectiveActionAdmin(ScopedModelAdmin):
    list_display = ["title", "action_type", "start_date", "end_date", "role", "commune"]
    list_filter = ["team", "action_type", "role", "commune_event", "after_needs_study"]
    date_hierarchy = "start_date"
    filter_horizontal = ["participants", "partners", "educators"]


@admin.register(PresenceSession)
class PresenceSessionAdmin(ScopedModelAdmin):
    list_display = ["date", "kind", "duration_minutes", "commune", "quartier", "youths_met"]
    list_filter = ["team", "kind", "commune"]
    date_hierarchy = "date"
    filter_horizontal = ["known_youths", "educators"]


@admin.register(PartnershipMeeting)
class PartnershipMeetingAdmin(ScopedModelAdmin):
    list_display = ["date", "kind", "subject", "duration_minutes"]
    list_filter = ["team", "kind"]
    filter_horizontal = ["partners", "educators"]


@admin.register(TerritorialDiagnostic)
class TerritorialDiagnosticAdmin(ScopedModelAdmin):
    list_display = ["quartier", "date", "team"]
    filter_horizontal = ["partners"]
