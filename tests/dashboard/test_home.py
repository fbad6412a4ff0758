"""The home page shows each role what it needs first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from carnet.access.models import Role
from carnet.dashboard.queries import reference_year
from carnet.privacy.services import archive_youth
from carnet.youths.models import Youth
from tests.factories import InterventionFactory, MembershipFactory, YouthFactory

pytestmark = pytest.mark.django_db


def test_team_leader_sees_the_team_figures_and_what_is_missing(client, team, commune):
    youth = YouthFactory(commune=commune, first_name="Inès", first_contact_date=datetime.date(2023, 3, 1))
    InterventionFactory(youth=youth, date=datetime.date(2023, 3, 2), domains=["famille"])
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    html = client.get(reverse("home")).content.decode()
    assert "chiffres 2023" in html
    assert "Inès" in html and "situation en fin de période" in html
    assert "<svg" in html


def test_educator_sees_the_youths_they_worked_with_recently(client, team, commune):
    membership = MembershipFactory(team=team, role=Role.EDUCATOR)
    intervention = InterventionFactory(
        youth=YouthFactory(commune=commune, first_name="Yanis"), domains=["sante"]
    )
    intervention.educators.add(membership.user)
    client.force_login(membership.user)
    html = client.get(reverse("home")).content.decode()
    assert "Jeunes vus récemment" in html and "Yanis" in html
    assert "chiffres" not in html  # educators do not build reports


def test_funder_viewer_sees_issued_reports_only(client, team):
    membership = MembershipFactory(team=None, organisation=team.organisation, role=Role.FUNDER_VIEWER)
    client.force_login(membership.user)
    html = client.get(reverse("home")).content.decode()
    assert "Bilans émis" in html and "Jeunes vus récemment" not in html


def test_reference_year_falls_back_to_the_last_year_with_records(team, commune):
    InterventionFactory(
        youth=YouthFactory(commune=commune), date=datetime.date(2021, 5, 1), domains=["famille"]
    )
    assert reference_year(team=team) == 2021


def test_an_educator_home_never_names_a_youth_moved_to_the_restricted_archive_or_merged(
    client, team, commune
):
    """Through the permission layer: the archive and merge rules apply to the home's lists too."""
    membership = MembershipFactory(team=team, role=Role.EDUCATOR)
    archived, merged, kept = (
        YouthFactory(commune=commune, first_name=name) for name in ("Archibald", "Doublon", "Yanis")
    )
    for youth in (archived, merged, kept):
        InterventionFactory(youth=youth, domains=["sante"]).educators.add(membership.user)
    archive_youth(youth=archived, now=timezone.now(), today=timezone.localdate())
    Youth.objects.filter(pk=merged.pk).update(merged_into=kept)
    client.force_login(membership.user)

    html = client.get(reverse("home")).content.decode()

    assert "Yanis" in html
    assert "Archibald" not in html and "Doublon" not in html
