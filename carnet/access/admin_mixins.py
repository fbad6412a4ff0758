"""The Django admin goes through the permission layer like every other screen.

Django's own model permissions are not used: a role's capabilities decide what a
staff user may see and change, and only on the records of their teams. A
superuser without a team role sees no youth file (CNIL: only staff whose work
needs it see personal data).
"""

from django.contrib import admin

from .permissions import Capability, has_capability, teams_with
from .scoping import is_scoped, scoped


class ScopedAdminMixin:
    view_capabilities = (Capability.VIEW_YOUTHS,)
    change_capability = Capability.RECORD_ACTIVITY

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), user=request.user, capabilities=self.view_capabilities)

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
            kwargs["queryset"] = scoped(
                model._default_manager.all(), user=request.user, capabilities=self.view_capabilities
            )
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
    change_capability = Capability.EDIT_REFERENTIALS


class SettingsScopedAdmin(ScopedModelAdmin):
    view_capabilities = (Capability.VIEW_YOUTHS, Capability.MANAGE_USERS)
    change_capability = Capability.MANAGE_USERS
