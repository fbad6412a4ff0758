from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.import_page, name="page"),
    path("suivi/<str:token>/", views.progress_page, name="progress"),
    path("export/", views.export_download, name="export"),
]
