from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("mise-en-route/", views.setup, name="setup"),
    path("comptes/", views.accounts, name="accounts"),
    path("comptes/<int:pk>/", views.account, name="account"),
    path("comptes/<int:pk>/activation/", views.account_active, name="account_active"),
    path("comptes/<int:pk>/invitation/", views.account_invitation, name="account_invitation"),
    path("comptes/role/<int:pk>/fin/", views.membership_end, name="membership_end"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
