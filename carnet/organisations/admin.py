from django.contrib import admin

from carnet.access.admin_mixins import ReferentialScopedAdmin, ScopedTabularInline, SettingsScopedAdmin
from carnet.access.permissions import Capability

from .models import Commune, Funder, Organisation, Partner, Quartier, Team


class QuartierInline(ScopedTabularInline):
    view_capabilities = (Capability.MANAGE_USERS,)
    change_capability = Capability.MANAGE_USERS

    model = Quartier
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SettingsScopedAdmin):
    list_display = ["name"]


@admin.register(Team)
class TeamAdmin(SettingsScopedAdmin):
    list_display = ["name", "organisation", "start_date"]


@admin.register(Commune)
class CommuneAdmin(ReferentialScopedAdmin):
    list_display = ["name", "team", "referent"]
    inlines = [QuartierInline]


@admin.register(Quartier)
class QuartierAdmin(ReferentialScopedAdmin):
    list_display = ["name", "commune", "is_qpv"]
    list_filter = ["commune"]


@admin.register(Partner)
class PartnerAdmin(ReferentialScopedAdmin):
    list_display = ["name", "partner_type", "commune", "is_active"]
    list_filter = ["partner_type", "is_active"]
    search_fields = ["name"]


@admin.register(Funder)
class FunderAdmin(SettingsScopedAdmin):
    list_display = ["name", "level", "organisation"]
