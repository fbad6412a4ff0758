import pytest
from django.conf import settings

from . import factories


@pytest.fixture(scope="session", autouse=True)
def _plain_static_files():
    # Production serves hashed files from collectstatic's manifest; tests serve
    # them straight from the apps, with no collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def team(db):
    return factories.TeamFactory()


@pytest.fixture
def organisation(team):
    return team.organisation


@pytest.fixture
def commune(team):
    return factories.CommuneFactory(team=team)
