from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from carnet.dashboard import views as dashboard_views

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path(
        "connexion/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("mot-de-passe/change/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("jeunes/", include("carnet.youths.urls")),
    path("activite/", include("carnet.activity.urls")),
    path("bilans/", include("carnet.reports.urls")),
    path("referentiels/", include("carnet.referentials.urls")),
    path("imports/", include("carnet.imports.urls")),
    path("acces/", include("carnet.access.urls")),
    path("vie-privee/", include("carnet.privacy.urls")),
    path("agenda/", include("carnet.agenda.urls")),
    path("", include("carnet.onboarding.urls")),
    path("admin/", admin.site.urls),
]
