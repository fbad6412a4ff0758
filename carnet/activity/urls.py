from django.urls import path

from carnet.organisations import views as partner_views

from . import views

app_name = "activity"

urlpatterns = [
    path("", views.index, name="index"),
    path("presence/", views.presence_list, name="presence_list"),
    path("presence/nouvelle/", views.presence_create, name="presence_create"),
    path("presence/<int:pk>/modifier/", views.presence_update, name="presence_update"),
    path("presence/<int:pk>/supprimer/", views.presence_delete, name="presence_delete"),
    path("interventions/", views.intervention_list, name="intervention_list"),
    path("interventions/nouvelle/", views.intervention_create, name="intervention_create"),
    path("interventions/<int:pk>/modifier/", views.intervention_update, name="intervention_update"),
    path("interventions/<int:pk>/supprimer/", views.intervention_delete, name="intervention_delete"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/nouvelle/", views.action_create, name="action_create"),
    path("actions/<int:pk>/modifier/", views.action_update, name="action_update"),
    path("actions/<int:pk>/supprimer/", views.action_delete, name="action_delete"),
    path("reunions/", views.meeting_list, name="meeting_list"),
    path("reunions/nouvelle/", views.meeting_create, name="meeting_create"),
    path("reunions/<int:pk>/modifier/", views.meeting_update, name="meeting_update"),
    path("reunions/<int:pk>/supprimer/", views.meeting_delete, name="meeting_delete"),
    path("jeunes/recherche/", views.youth_search, name="youth_search"),
    path("diagnostics/", views.diagnostic_list, name="diagnostic_list"),
    path("diagnostics/nouveau/", views.diagnostic_create, name="diagnostic_create"),
    path("diagnostics/<int:pk>/modifier/", views.diagnostic_update, name="diagnostic_update"),
    path("diagnostics/<int:pk>/pdf/", views.diagnostic_pdf, name="diagnostic_pdf"),
    # Partners belong to the organisation; their pages live here until organisations get URLs of their own.
    path("partenaires/", partner_views.partner_list, name="partner_list"),
    path("partenaires/nouveau/", partner_views.partner_create, name="partner_create"),
    path("partenaires/<int:pk>/modifier/", partner_views.partner_update, name="partner_update"),
    path("partenaires/<int:pk>/supprimer/", partner_views.partner_delete, name="partner_delete"),
]
