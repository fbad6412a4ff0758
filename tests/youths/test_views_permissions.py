"""Who reaches the youth screens: a team's staff only, and only their team's youths."""

import pytest
from django.urls import reverse

from carnet.access.models import Role
from carnet.youths.services import youth_merge
from tests.factories import MembershipFactory, TeamFactory, YouthFactory

pytestmark = pytest.mark.django_db


def youth_urls(youth, other) -> list[str]:
    return [
        reverse("youths:detail", args=[youth.pk]),
        reverse("youths:edit", args=[youth.pk]),
        reverse("youths:modality", args=[youth.pk]),
        reverse("youths:accompaniment_end", args=[youth.pk]),
        reverse("youths:situation", args=[youth.pk]),
        reverse("youths:merge", args=[youth.pk]),
        reverse("youths:merge_confirm", args=[youth.pk, other.pk]),
        reverse("youths:merge_confirm", args=[other.pk, youth.pk]),
    ]


@pytest.fixture
def other_team_educator(organisation):
    return MembershipFactory(team=TeamFactory(organisation=organisation), role=Role.EDUCATOR).user


def test_an_educator_of_another_team_gets_404_on_every_youth_page(client, youth, other_team_educator):
    other = YouthFactory(commune=youth.commune)
    client.force_login(other_team_educator)
    for url in youth_urls(youth, other):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url


def test_an_educator_of_another_team_cannot_undo_a_merge(client, youth, educator, other_team_educator):
    merge = youth_merge(kept=youth, merged=YouthFactory(commune=youth.commune), user=educator)
    client.force_login(other_team_educator)
    assert client.post(reverse("youths:merge_undo", args=[merge.pk])).status_code == 404


def test_the_list_never_shows_another_teams_youths(client, youth, other_team_educator):
    client.force_login(other_team_educator)
    response = client.get(reverse("youths:list"))
    assert response.status_code == 200
    assert "Inès" not in response.content.decode()


@pytest.mark.parametrize("name", ["youths:list", "youths:create"])
def test_anonymous_users_are_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_anonymous_users_are_sent_to_the_login_page_from_a_youth_page(client, youth):
    response = client.get(reverse("youths:detail", args=[youth.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_funder_viewer_is_refused_the_youth_screens(client, team, youth):
    funder = MembershipFactory(team=None, organisation=team.organisation, role=Role.FUNDER_VIEWER).user
    client.force_login(funder)
    for url in [reverse("youths:list"), reverse("youths:create"), reverse("youths:detail", args=[youth.pk])]:
        assert client.get(url).status_code == 403, url


def test_a_director_reads_youths_but_cannot_change_them(client, team, youth):
    director = MembershipFactory(team=None, organisation=team.organisation, role=Role.DIRECTOR).user
    client.force_login(director)
    page = client.get(reverse("youths:detail", args=[youth.pk]))
    assert page.status_code == 200
    assert reverse("youths:modality", args=[youth.pk]) not in page.content.decode()
    assert client.get(reverse("youths:modality", args=[youth.pk])).status_code == 403
