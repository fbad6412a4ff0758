from django.urls import path

from . import follow_up_views, paei_views, views

app_name = "youths"

urlpatterns = [
    path("", views.youth_list, name="list"),
    path("nouveau/", views.youth_create, name="create"),
    path("nouveau/doublons/", views.youth_duplicates_hint, name="duplicates_hint"),
    path("<int:pk>/", views.youth_detail, name="detail"),
    path("<int:pk>/modifier/", views.youth_edit, name="edit"),
    path("<int:pk>/modalite/", views.modality_change, name="modality"),
    path("<int:pk>/fin-accompagnement/", views.accompaniment_end, name="accompaniment_end"),
    path("<int:pk>/situation/", views.situation_change, name="situation"),
    path("<int:pk>/fusionner/", views.merge_choose, name="merge"),
    path("<int:pk>/fusionner/<int:other>/", views.merge_confirm, name="merge_confirm"),
    path("fusions/<int:pk>/annuler/", views.merge_undo, name="merge_undo"),
    path("<int:pk>/projet/objectif/", paei_views.paei_goal_add, name="paei_goal_add"),
    path("<int:pk>/projet/objectifs/<int:goal>/", paei_views.paei_goal_edit, name="paei_goal_edit"),
    path("<int:pk>/projet/point/", paei_views.paei_review, name="paei_review"),
    path("a-revoir/reglage/", follow_up_views.follow_up_settings, name="follow_up"),
]
