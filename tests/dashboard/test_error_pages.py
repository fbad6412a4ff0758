"""No stack trace reaches a user: 404 and 500 pages are Carnet's own, in French."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import path

from carnet import urls as carnet_urls
from carnet.access.models import Role
from tests.factories import MembershipFactory


@login_not_required
def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*carnet_urls.urlpatterns, path("panne/", _boom)]


@pytest.mark.django_db
def test_unknown_page_shows_carnets_own_404(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.EDUCATOR).user)
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.dashboard.test_error_pages")
def test_a_crash_shows_carnets_own_500_without_a_trace(team):
    client = Client(raise_request_exception=False)
    response = client.get("/panne/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur est survenue" in html and "Traceback" not in html and "RuntimeError" not in html
