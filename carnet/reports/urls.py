from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="page"),
    path("detail/", views.drilldown, name="drilldown"),
    path("section/<str:section>/", views.section_edit, name="section_edit"),
    path("financeurs/", views.funders_update, name="funders_update"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("emettre/", views.issue, name="issue"),
    path("emis/", views.issued_list, name="issued_list"),
    path("emis/<int:pk>/", views.issued_detail, name="issued_detail"),
    path("emis/<int:pk>/<str:fmt>/", views.issued_download, name="issued_download"),
]
