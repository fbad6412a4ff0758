from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("", views.week, name="week"),
    path("nouveau/", views.event_create, name="event_create"),
    path("<int:pk>/modifier/", views.event_update, name="event_update"),
    path("<int:pk>/supprimer/", views.event_delete, name="event_delete"),
    path("<int:pk>/presence-faite/", views.presence_record, name="presence_record"),
    path("calendrier/", views.feed_settings, name="feed_settings"),
    path("calendrier/<str:feed>.ics", views.feed, name="feed"),
]
