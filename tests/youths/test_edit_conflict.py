"""Two sessions edit the same file: the second save of a stale form is refused, both values shown
(issue 13, finding 12: a lost update)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from carnet.access.models import Role
from carnet.editing.versions import EditConflict
from carnet.youths.models import Youth
from carnet.youths.services import youth_update
from tests import factories

pytestmark = pytest.mark.django_db


def _form(youth, **changes) -> dict:
    data = {
        "first_name": youth.first_name,
        "nickname": youth.nickname,
        "commune": youth.commune_id,
        "birth_year": youth.birth_year,
        "version": youth.version,
    }
    return {**data, **changes}


def test_a_stale_save_through_the_service_is_refused_and_the_first_save_kept(youth, educator):
    opened_by_a, opened_by_b = Youth.objects.get(pk=youth.pk), Youth.objects.get(pk=youth.pk)
    youth_update(youth=opened_by_a, user=educator, version=opened_by_a.version, nickname="Nina")

    with pytest.raises(EditConflict) as refused:
        youth_update(youth=opened_by_b, user=educator, version=opened_by_b.version, nickname="Zaza")

    assert refused.value.current.nickname == "Nina"
    youth.refresh_from_db()
    assert (youth.nickname, youth.version) == ("Nina", 2)


def test_a_stale_edit_form_no_longer_silently_overwrites_another_sessions_change(
    educator_client, youth, team
):
    colleague = Client()
    colleague.force_login(factories.MembershipFactory(team=team, role=Role.EDUCATOR).user)
    url = reverse("youths:edit", args=[youth.pk])
    stale = _form(youth)

    saved = colleague.post(url, _form(youth, nickname="Nina"))
    refused = educator_client.post(url, {**stale, "nickname": "Zaza"})

    assert saved.status_code == 302
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "modifiée par quelqu'un d'autre" in page
    assert "<td>Nina</td><td>Zaza</td>" in page
    youth.refresh_from_db()
    assert youth.nickname == "Nina"


def test_saving_again_after_seeing_both_values_keeps_the_second_sessions_choice(educator_client, youth):
    url = reverse("youths:edit", args=[youth.pk])
    stale = _form(youth)
    educator_client.post(url, _form(youth, nickname="Nina"))

    refused = educator_client.post(url, {**stale, "nickname": "Zaza"})
    assert 'name="version" value="2"' in refused.content.decode()
    again = educator_client.post(url, {**stale, "nickname": "Zaza", "version": 2})

    assert again.status_code == 302
    youth.refresh_from_db()
    assert (youth.nickname, youth.version) == ("Zaza", 3)


def test_an_edit_form_without_its_version_is_refused_next_to_nothing_saved(educator_client, youth):
    data = _form(youth, nickname="Zaza")
    del data["version"]

    response = educator_client.post(reverse("youths:edit", args=[youth.pk]), data)

    assert response.status_code == 200
    youth.refresh_from_db()
    assert youth.nickname == "Nénette"


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_version_at_the_same_moment_let_exactly_one_through(commune):
    """Both sessions save at once, each in its own connection: the database decides, once."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database is not shared between threads")
    youth = factories.YouthFactory(commune=commune, first_name="Inès", nickname="Nénette")
    educator = factories.MembershipFactory(team=commune.team, role=Role.EDUCATOR).user
    start = threading.Barrier(2)
    outcomes = []

    def save(nickname: str) -> None:
        opened = Youth.objects.get(pk=youth.pk)
        start.wait()
        try:
            youth_update(youth=opened, user=educator, version=opened.version, nickname=nickname)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("Nina", "Zaza")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "saved"]
    assert Youth.objects.get(pk=youth.pk).version == 2
