from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("hors-ligne/", views.outbox, name="outbox"),
    path("hors-ligne/donnees/", views.directory, name="directory"),
]
