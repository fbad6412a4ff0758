from django.contrib import admin

from carnet.access.admin_mixins import ReferentialScopedAdmin

from .models import ActionType, AgeBracket, Domain, MeetingKind, Modality, Origin, PresenceKind, Situation


class ReferentialAdmin(ReferentialScopedAdmin):
    list_display = ["label", "code", "position", "is_active", "organisation"]
    list_editable = ["position", "is_active"]
    list_filter = ["organisation", "is_active"]


for model in [Domain, Origin, Situation, PresenceKind, MeetingKind]:
    admin.site.register(model, ReferentialAdmin)


@admin.register(Modality)
class ModalityAdmin(ReferentialAdmin):
    list_display = ["label", "code", "rank", "is_active", "organisation"]
    list_editable = ["is_active"]


@admin.register(ActionType)
class ActionTypeAdmin(ReferentialAdmin):
    list_display = ["label", "code", "category", "position", "is_active", "organisation"]


@admin.register(AgeBracket)
class AgeBracketAdmin(ReferentialAdmin):
    list_display = ["label", "min_age", "max_age", "is_active", "organisation"]
    list_editable = ["is_active"]
