from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from carnet.organisations.models import Team

from . import two_factor
from .models import Membership, User
from .permissions import Capability, organisations_with

# Fields that would let an administrator raise their own rights, or another account's.
PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


def _managed_organisations(request):
    return organisations_with(request.user, Capability.MANAGE_USERS)


def managed_users(request) -> QuerySet[User]:
    """The accounts an administrator manages: the staff of their organisations, never a
    superuser and never themselves (no one raises their own rights)."""
    users = User.objects.all()
    if request.user.is_superuser:
        return users
    staff = Membership.objects.filter(organisation__in=_managed_organisations(request)).values("user")
    return users.filter(pk__in=staff, is_superuser=False).exclude(pk=request.user.pk)


class ManagedChoicesMixin:
    """Organisation, team and account choices limited to those the administrator manages."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "organisation":
                kwargs["queryset"] = _managed_organisations(request)
            elif db_field.name == "team":
                kwargs["queryset"] = Team.objects.filter(organisation__in=_managed_organisations(request))
            elif db_field.name == "user":
                kwargs["queryset"] = managed_users(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class MembershipInline(ManagedChoicesMixin, admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Administrators manage the staff of their organisations only. They never see a
    superuser, never change their own account here, never set a password (an invitation
    lets the person choose it) and never grant superuser status or raw permissions."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active"]
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        return managed_users(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if request.user.is_superuser else (*fields, *PRIVILEGE_FIELDS)

    def has_add_permission(self, request):
        # Accounts are created on Carnet's « Comptes » page, with an invitation.
        return request.user.is_superuser and super().has_add_permission(request)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description=_("Réinitialiser la double authentification"), permissions=["change"])
    def reset_second_factor(self, request, queryset):
        removed = sum(two_factor.reset(user=user, by=request.user) for user in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d appareil retiré : le compte en activera un nouveau à sa prochaine connexion.",
                "%(count)d appareils retirés : "
                "les comptes en activeront un nouveau à leur prochaine connexion.",
                removed,
            )
            % {"count": removed},
        )


@admin.register(Membership)
class MembershipAdmin(ManagedChoicesMixin, admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "team", "start_date", "end_date"]
    list_filter = [
        "role",
        ("organisation", admin.RelatedOnlyFieldListFilter),
        ("team", admin.RelatedOnlyFieldListFilter),
    ]

    def get_queryset(self, request):
        memberships = super().get_queryset(request)
        if request.user.is_superuser:
            return memberships
        return memberships.filter(
            organisation__in=_managed_organisations(request), user__in=managed_users(request)
        )
