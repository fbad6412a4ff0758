from django.urls import path

from carnet.organisations import funder_views

from . import views

app_name = "referentials"

urlpatterns = [
    path("", views.index, name="index"),
    # Funders belong to the organisation; listed here, before the referentials' slugs.
    path("financeurs/", funder_views.funder_list, name="funder_list"),
    path("financeurs/nouveau/", funder_views.funder_create, name="funder_create"),
    path("financeurs/<int:pk>/modifier/", funder_views.funder_update, name="funder_update"),
    path("<slug:slug>/", views.values, name="values"),
    path("<slug:slug>/<int:pk>/retrait/", views.toggle, name="toggle"),
]
