from django.urls import path

from . import views

app_name = "referentials"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.values, name="values"),
    path("<slug:slug>/<int:pk>/retrait/", views.toggle, name="toggle"),
]
