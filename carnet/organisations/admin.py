from django.contrib import admin

from .models import Commune, Funder, Organisation, Partner, Quartier, Team


class QuartierInline(admin.TabularInline):
    model = Quartier
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "start_date"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "referent"]
    inlines = [QuartierInline]


@admin.register(Quartier)
class QuartierAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "is_qpv"]
    list_filter = ["commune"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "partner_type", "commune", "is_active"]
    list_filter = ["partner_type", "is_active"]
    search_fields = ["name"]


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "organisation"]
