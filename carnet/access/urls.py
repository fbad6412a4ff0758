from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("journal/", views.audit_log, name="audit_log"),
]
