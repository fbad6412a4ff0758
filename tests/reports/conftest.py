"""What report tests share: the seed's period and a scope over the usual team."""

import datetime

import pytest

from carnet.reports.scope import ReportScope
from tests import factories

START = datetime.date(2023, 5, 9)
END = datetime.date(2023, 12, 31)


@pytest.fixture
def scope(team):
    """The whole team over the seed's period (9 May to 31 December 2023)."""
    return ReportScope(team=team, start=START, end=END)


@pytest.fixture
def commune_scope(team, commune):
    return ReportScope(team=team, commune=commune, start=START, end=END)


@pytest.fixture
def youth(commune):
    """A youth of the commune, first met inside the period: counted by the report."""

    def make(**fields):
        return factories.YouthFactory(commune=commune, **fields)

    return make


def ref(model, team, code: str):
    """The referential value of ``code`` in the team's organisation."""
    return factories.referential(model, team.organisation, code)
