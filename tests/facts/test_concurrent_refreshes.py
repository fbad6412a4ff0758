"""Two educators of a team saving at the same moment both see their entry saved, and the team's
facts count both (PostgreSQL: each refresh deletes and rewrites the team's facts of the year;
without waiting for the other, it would write the same key twice and one save would fail)."""

import datetime
import threading

import pytest
from django.db import connection

from carnet.activity.services import intervention_create, presence_session_create
from carnet.facts.queries import fact_differences
from carnet.referentials.models import Domain, PresenceKind
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 8


def at_the_same_moment(*saves) -> list[str]:
    """Run each save in its own thread and connection, all released together; their outcomes."""
    start = threading.Barrier(len(saves))
    outcomes = []

    def run(save) -> None:
        start.wait()
        try:
            save()
            outcomes.append("saved")
        except Exception as error:  # the failure itself is the finding
            outcomes.append(f"failed: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(save,)) for save in saves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time; its test database is not shared")


def test_two_street_presences_of_a_team_saved_at_once_are_both_counted(team):
    rue = factories.referential(PresenceKind, team.organisation, "rue")

    def session():
        presence_session_create(team=team, date=datetime.date(2024, 5, 1), duration_minutes=60, kind=rue)

    for _round in range(ROUNDS):
        assert at_the_same_moment(session, session) == ["saved", "saved"]
    assert fact_differences() == []


def test_two_interventions_of_a_team_saved_at_once_are_both_counted(team):
    youths = factories.YouthFactory.create_batch(2, team=team)
    sante = factories.referential(Domain, team.organisation, "sante")

    def intervention(youth):
        return lambda: intervention_create(youth=youth, date=datetime.date(2024, 5, 1), domains=[sante])

    for _round in range(ROUNDS):
        assert at_the_same_moment(*(intervention(youth) for youth in youths)) == ["saved", "saved"]
    assert fact_differences() == []
