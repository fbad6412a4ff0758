from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from carnet.access.admin_mixins import ScopedModelAdmin, ScopedTabularInline

from .models import AccompanimentPeriod, PaeiGoal, SituationChange, Youth


class SituationChangeInline(ScopedTabularInline):
    model = SituationChange
    extra = 0


class AccompanimentPeriodFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        periods = [
            form.instance
            for form in self.forms
            if form.cleaned_data.get("start") and not form.cleaned_data.get("DELETE")
        ]
        for index, period in enumerate(periods):
            if any(period.overlaps(other) for other in periods[index + 1 :]):
                raise ValidationError(
                    _("Deux périodes d'accompagnement se chevauchent : %(p)s.") % {"p": period}
                )


class AccompanimentPeriodInline(ScopedTabularInline):
    model = AccompanimentPeriod
    formset = AccompanimentPeriodFormSet
    extra = 0
    fields = ["modality", "start", "end"]


@admin.register(Youth)
class YouthAdmin(ScopedModelAdmin):
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
    list_filter = ["team", "commune", "sex", "origin", ("merged_into", admin.EmptyFieldListFilter)]
    # A merge is made and undone on the youth's page, where it is recorded (YouthMerge).
    readonly_fields = ["merged_into"]
    search_fields = ["first_name", "nickname", "code"]
    list_select_related = ["commune", "quartier", "origin"]
    inlines = [SituationChangeInline, AccompanimentPeriodInline]

    def has_delete_permission(self, request, obj=None):
        # A youth's file ends through retention or the erasure of the youth's rights, both
        # recorded; deleting it here would take its interventions with it, unrecorded.
        return False

    @admin.display(description=_("jeune"), ordering="first_name")
    def name(self, youth):
        return youth.display_name


class PaeiGoalInline(ScopedTabularInline):
    model = PaeiGoal
    extra = 0


@admin.register(AccompanimentPeriod)
class AccompanimentPeriodAdmin(ScopedModelAdmin):
    list_display = ["youth", "modality", "start", "end"]
    list_filter = ["modality"]
    list_select_related = ["youth", "modality"]
    inlines = [PaeiGoalInline]
