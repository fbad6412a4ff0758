from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("jeune/", views.lookup, name="lookup"),
    path("archive/", views.archive_list, name="archive"),
    path("jeunes/<int:pk>/", views.youth_file, name="youth"),
    path("jeunes/<int:pk>/acces.json", views.export_json, name="youth_export_json"),
    path("jeunes/<int:pk>/acces.pdf", views.export_pdf, name="youth_export_pdf"),
    path("jeunes/<int:pk>/effacer/", views.erase, name="youth_erase"),
    path("registre/", views.register_html, name="register"),
    path("registre.pdf", views.register_pdf, name="register_pdf"),
    path("aipd/", views.dpia_html, name="dpia"),
    path("aipd.pdf", views.dpia_pdf, name="dpia_pdf"),
]
