from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q

from carnet.organisations.models import Team

from .models import Membership, User
from .permissions import Capability, organisations_with

# Fields that would let an account manager raise their own rights.
PRIVILEGE_FIELDS = ("is_superuser", "groups", "user_permissions")


def _managed_organisations(request):
    return organisations_with(request.user, Capability.MANAGE_USERS)


class ManagedChoicesMixin:
    """Organisation and team choices limited to those the account manager manages."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "organisation":
                kwargs["queryset"] = _managed_organisations(request)
            elif db_field.name == "team":
                kwargs["queryset"] = Team.objects.filter(organisation__in=_managed_organisations(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembershipInline(ManagedChoicesMixin, admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Account managers (the admin role) see and manage the staff of their organisations only,
    and can never grant superuser status or raw permissions."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]

    def get_queryset(self, request):
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        staff = Membership.objects.filter(organisation__in=_managed_organisations(request)).values("user")
        return users.filter(Q(pk__in=staff) | Q(memberships__isnull=True)).distinct()

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if request.user.is_superuser else (*fields, *PRIVILEGE_FIELDS)


@admin.register(Membership)
class MembershipAdmin(ManagedChoicesMixin, admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "team", "start_date", "end_date"]
    list_filter = ["role", "organisation", "team"]

    def get_queryset(self, request):
        memberships = super().get_queryset(request)
        if request.user.is_superuser:
            return memberships
        return memberships.filter(organisation__in=_managed_organisations(request))
