"""The Django admin goes through the permission layer like every other screen.

Only administrators and superusers enter the admin (``admin_site``). Django's own model
permissions are not used for records: a role's capabilities decide what an administrator
may see and change, and only on the records of their teams or organisation. A superuser
without a team role sees no youth file (CNIL: only staff whose work needs it see personal
data). Youths moved to the restricted archive stay out of reach here: only a director opens
them, in Carnet, audited.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import F

from carnet.editing.versions import Versioned
from carnet.facts.changes import NOTHING, footprint, footprints, refresh_changed_facts, stored_footprint

from . import audit
from .permissions import Capability, has_capability, teams_with
from .scoping import is_scoped, scoped

# model label -> lookup from the model to the youth it describes
YOUTH_PATHS = {
    "youths.youth": "",
    "youths.situationchange": "youth__",
    "youths.accompanimentperiod": "youth__",
    "youths.paeigoal": "period__youth__",
    "activity.intervention": "youth__",
}


def _youth_path(model) -> str | None:
    return YOUTH_PATHS.get(model._meta.label_lower)


def without_archive(queryset):
    path = _youth_path(queryset.model)
    if path is None:
        return queryset
    return queryset.filter(**{f"{path}archive__isnull": True})


class ScopedAdminMixin:
    view_capabilities = (Capability.VIEW_YOUTHS,)
    change_capability = Capability.RECORD_ACTIVITY

    def get_queryset(self, request):
        records = scoped(
            super().get_queryset(request), user=request.user, capabilities=self.view_capabilities
        )
        return without_archive(records)

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)
        if record is not None and _youth_path(type(record)) is not None:
            audit.record_read(target=record)
        return record

    def save_model(self, request, obj, form, change):
        # The derived facts the record counts in, as stored: refreshed once its relations
        # (an intervention's domains) are saved too, in ``save_related``.
        obj._facts_before = stored_footprint(obj) if change else NOTHING
        versioned = change and isinstance(obj, Versioned)
        if versioned:
            # As any saved edit: an edit form opened in Carnet before this change is refused
            # rather than writing its old values back.
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        if versioned:
            obj.refresh_from_db(fields=["version"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record = form.instance
        refresh_changed_facts(before=getattr(record, "_facts_before", NOTHING), after=footprint(record))

    def delete_model(self, request, obj):
        before = stored_footprint(obj)
        super().delete_model(request, obj)
        refresh_changed_facts(before=before, after=NOTHING)

    def delete_queryset(self, request, queryset):
        before = footprints(queryset)
        super().delete_queryset(request, queryset)
        refresh_changed_facts(before=before, after=NOTHING)

    def history_view(self, request, object_id, extra_context=None):
        # Refused before the record is looked up, as the other pages of a model one may not see.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def get_list_filter(self, request):
        # A related filter lists only the values met in the records shown: never another
        # organisation's teams, communes or referentials.
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and "__" not in item and self.model._meta.get_field(item).is_relation:
                item = (item, admin.RelatedOnlyFieldListFilter)
            filters.append(item)
        return filters

    def has_module_permission(self, request):
        return teams_with(request.user, *self.view_capabilities).exists()

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return has_capability(request.user, self.change_capability)

    def has_change_permission(self, request, obj=None):
        return has_capability(request.user, self.change_capability)

    def has_delete_permission(self, request, obj=None):
        return has_capability(request.user, self.change_capability)

    def _scoped_choices(self, db_field, request, kwargs):
        model = db_field.related_model
        if is_scoped(model) and "queryset" not in kwargs:
            choices = scoped(
                model._default_manager.all(), user=request.user, capabilities=self.view_capabilities
            )
            kwargs["queryset"] = without_archive(choices)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **self._scoped_choices(db_field, request, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **self._scoped_choices(db_field, request, kwargs)
        )


class ScopedModelAdmin(ScopedAdminMixin, admin.ModelAdmin):
    pass


class ScopedTabularInline(ScopedAdminMixin, admin.TabularInline):
    pass


class ReferentialScopedAdmin(ScopedModelAdmin):
    """Organisation settings (referentials, communes, partners): the administrator's, until each
    has a Carnet screen."""

    view_capabilities = (Capability.MANAGE_USERS,)
    change_capability = Capability.MANAGE_USERS


class SettingsScopedAdmin(ScopedModelAdmin):
    view_capabilities = (Capability.MANAGE_USERS,)
    change_capability = Capability.MANAGE_USERS
