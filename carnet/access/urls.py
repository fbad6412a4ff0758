from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("journal/", views.audit_log, name="audit_log"),
    path("compte/", views.account, name="account"),
    path("double-authentification/", views.two_factor_setup, name="two_factor_setup"),
    path("double-authentification/code/", views.two_factor_verify, name="two_factor_verify"),
]
