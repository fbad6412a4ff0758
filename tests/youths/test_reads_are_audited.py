"""Every youth screen that shows a youth writes the read to the audit log, under the reader's name.

The security review found these screens answering without a line in the log (issue 13,
finding 6); each test opens one of them as a colleague would and looks for the line.
"""

import pytest
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _reads_by(user) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.READ, user=user))


def _youth_read(events: list[AuditEvent], youth) -> bool:
    return any(
        (event.target_type, event.target_id) == ("youths.youth", str(youth.pk))
        or youth.pk in event.changes.get("jeunes", [])
        for event in events
    )


@pytest.mark.parametrize(
    "name", ["youths:edit", "youths:modality", "youths:situation", "youths:accompaniment_end"]
)
def test_opening_a_youths_form_is_no_longer_an_unaudited_read(educator_client, educator, youth, name):
    response = educator_client.get(reverse(name, args=[youth.pk]))

    assert response.status_code == 200
    assert _youth_read(_reads_by(educator), youth)


def test_the_youth_list_is_no_longer_an_unaudited_read_of_every_name_on_the_page(
    educator_client, educator, youth
):
    response = educator_client.get(reverse("youths:list"))

    assert "Inès" in response.content.decode()
    assert _youth_read(_reads_by(educator), youth)


def test_searching_the_youth_list_is_no_longer_an_unaudited_read(educator_client, educator, youth):
    response = educator_client.get(reverse("youths:list"), {"q": "nénette"}, headers={"HX-Request": "true"})

    assert "Inès" in response.content.decode()
    assert _youth_read(_reads_by(educator), youth)


def test_merge_candidates_are_no_longer_an_unaudited_read(educator_client, educator, youth):
    other = factories.YouthFactory(commune=youth.commune, first_name="Inès", nickname="Nina")

    response = educator_client.get(reverse("youths:merge", args=[youth.pk]), {"q": "nina"})

    assert "Nina" in response.content.decode()
    assert _youth_read(_reads_by(educator), other)


def test_a_list_read_names_the_youths_shown_and_nothing_identifying(educator_client, educator, youth):
    other = factories.YouthFactory(commune=youth.commune, first_name="Yanis")

    educator_client.get(reverse("youths:list"))

    [event] = [event for event in _reads_by(educator) if event.changes.get("jeunes")]
    assert sorted(event.changes["jeunes"]) == sorted([youth.pk, other.pk])
    assert "Inès" not in event.target_label and event.username == educator.username


def test_a_youth_of_another_team_is_still_not_found_and_nothing_is_read(educator_client, educator):
    stranger = factories.YouthFactory(first_name="Lina")

    response = educator_client.get(reverse("youths:edit", args=[stranger.pk]))

    assert response.status_code == 404
    assert not _youth_read(_reads_by(educator), stranger)
