from django.urls import path

from . import model_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="page"),
    path("detail/", views.drilldown, name="drilldown"),
    path("section/<str:section>/", views.section_edit, name="section_edit"),
    path("financeurs/", views.funders_update, name="funders_update"),
    path("modele/", views.model_update, name="model_update"),
    path("modeles/", model_views.model_list, name="model_list"),
    path("modeles/televerser/", model_views.model_upload, name="model_upload"),
    path("modeles/financeur/<int:pk>/", model_views.funder_model_update, name="funder_model_update"),
    path("modeles/<slug:model>/", model_views.model_detail, name="model_detail"),
    path("modeles/<slug:model>/copier/", model_views.model_copy, name="model_copy"),
    path("modeles/<slug:model>/telecharger/", model_views.model_download, name="model_download"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("emettre/", views.issue, name="issue"),
    path("emis/", views.issued_list, name="issued_list"),
    path("emis/<int:pk>/", views.issued_detail, name="issued_detail"),
    path("emis/<int:pk>/<str:fmt>/", views.issued_download, name="issued_download"),
]
