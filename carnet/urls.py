from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Carnet"
admin.site.site_title = "Carnet"
admin.site.index_title = "Administration des données"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Daily-use screens come with their own views; until a user's home page exists
    # the admin is where records are browsed.
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
