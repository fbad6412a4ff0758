"""Two saves of the same version through the services: exactly one goes through, on SQLite and
PostgreSQL alike; at the same moment in two connections, the database decides once (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from carnet.activity import services
from carnet.activity.models import Intervention
from carnet.editing.versions import EditConflict, claim_version
from tests import factories

from .kinds import KINDS

kinds = pytest.mark.parametrize("kind", KINDS, ids=str)


@kinds
@pytest.mark.django_db
def test_the_second_save_of_the_same_version_is_refused_and_the_first_kept(kind, commune):
    record = kind.make(commune)
    opened_by_a, opened_by_b = (type(record).objects.get(pk=record.pk) for _ in range(2))
    kind.save(opened_by_a, opened_by_a.version, "Nina")

    with pytest.raises(EditConflict) as refused:
        kind.save(opened_by_b, opened_by_b.version, "Zaza")

    assert getattr(refused.value.current, kind.field) == "Nina"
    record.refresh_from_db()
    assert (getattr(record, kind.field), record.version) == ("Nina", 2)


@kinds
@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_version_at_the_same_moment_let_exactly_one_through(kind, commune):
    """Both sessions save at once, each in its own connection: the database decides, once."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is not shared between threads")
    record = kind.make(commune)
    start = threading.Barrier(2)
    outcomes = []

    def save(value: str) -> None:
        opened = type(record).objects.get(pk=record.pk)
        start.wait()
        try:
            kind.save(opened, opened.version, value)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(value,)) for value in ("Nina", "Zaza")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "saved"]
    record.refresh_from_db()
    assert record.version == 2 and getattr(record, kind.field) in ("Nina", "Zaza")


@pytest.mark.django_db(transaction=True)
def test_a_version_is_claimed_only_inside_the_transaction_that_saves_the_edit(commune):
    intervention = factories.InterventionFactory(youth=factories.YouthFactory(commune=commune))

    with pytest.raises(RuntimeError):
        claim_version(intervention, version=1)
    with transaction.atomic(), pytest.raises(TypeError):
        claim_version(intervention, version=None)
    assert Intervention.objects.get(pk=intervention.pk).version == 1


@pytest.mark.django_db
def test_a_save_refused_for_its_values_leaves_the_version_to_the_next_save(commune):
    youth = factories.YouthFactory(commune=commune)
    intervention = factories.InterventionFactory(youth=youth, domains=["sante"])

    with pytest.raises(ValidationError):
        services.intervention_update(intervention=intervention, version=1, domains=[])
    services.intervention_update(
        intervention=Intervention.objects.get(pk=intervention.pk), version=1, note="Vu"
    )

    assert Intervention.objects.get(pk=intervention.pk).version == 2
