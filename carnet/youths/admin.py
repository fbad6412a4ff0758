from django.contrib import admin

from .models import AccompanimentPeriod, PaeiGoal, SituationChange, Youth


class SituationChangeInline(admin.TabularInline):
    model = SituationChange
    extra = 0


class AccompanimentPeriodInline(admin.TabularInline):
    model = AccompanimentPeriod
    extra = 0
    fields = ["modality", "start", "end"]


@admin.register(Youth)
class YouthAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "code",
        "sex",
        "birth_year",
        "commune",
        "quartier",
        "origin",
        "first_contact_date",
    ]
    list_filter = ["team", "commune", "sex", "origin"]
    search_fields = ["first_name", "nickname", "code"]
    list_select_related = ["commune", "quartier", "origin"]
    inlines = [SituationChangeInline, AccompanimentPeriodInline]


class PaeiGoalInline(admin.TabularInline):
    model = PaeiGoal
    extra = 0


@admin.register(AccompanimentPeriod)
class AccompanimentPeriodAdmin(admin.ModelAdmin):
    list_display = ["youth", "modality", "start", "end"]
    list_filter = ["modality"]
    list_select_related = ["youth", "modality"]
    inlines = [PaeiGoalInline]
