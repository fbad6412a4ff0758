"""The Django admin, a tool for administrators only.

Team roles work in Carnet's own screens; the admin opens only to the administrator role and
to superusers, past the second factor, and through Carnet's sign-in page (one lockout, one
log). Whatever ``is_staff`` says: the role decides.
"""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse

from .permissions import may_administer


class CarnetAdminSite(admin.AdminSite):
    site_header = "Carnet"
    site_title = "Carnet"
    index_title = "Administration des données"

    def has_permission(self, request) -> bool:
        user = request.user
        return may_administer(user) and user.is_verified()

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            # A signed-in person without the right is refused, not offered another sign-in form.
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    @login_not_required
    def login(self, request, extra_context=None):
        """The admin's own sign-in form would bypass Carnet's lockout and second factor."""
        index = reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(index)
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or index, settings.LOGIN_URL)
