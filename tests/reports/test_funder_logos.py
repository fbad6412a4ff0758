"""The funders a team's title page may show, and their logo when it was uploaded (else their name)."""

import datetime

import pytest
from django.core.files.base import ContentFile

from carnet.organisations.models import Funder
from carnet.reports.scope import ReportScope
from carnet.reports.services import available_funders, funder_marks
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def test_uploaded_logo_is_read_from_its_file_and_a_missing_one_falls_back_to_the_name(
    organisation, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    with_logo = Funder.objects.create(organisation=organisation, name="ANCT", level="state")
    with_logo.logo.save("anct.svg", ContentFile(SVG))
    without = Funder.objects.create(organisation=organisation, name="Département", level="departement")

    logos = {mark.name: mark.logo for mark in funder_marks([with_logo, without])}

    assert logos["ANCT"].read_bytes() == SVG
    assert logos["Département"] is None


def test_a_team_report_offers_the_teams_funders_and_the_organisation_wide_ones_only(organisation):
    team, other = TeamFactory(organisation=organisation), TeamFactory(organisation=organisation)
    state = Funder.objects.create(organisation=organisation, name="ANCT", level="state")
    town = Funder.objects.create(organisation=organisation, name="Ville de Lens", level="commune")
    town.teams.add(team)
    elsewhere = Funder.objects.create(organisation=organisation, name="Ville de Liévin", level="commune")
    elsewhere.teams.add(other)
    scope = ReportScope(team=team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31))

    assert list(available_funders(scope=scope)) == [state, town]
    # A funder chosen before it stopped financing the team stays, so that it can be unticked.
    assert list(available_funders(scope=scope, chosen=[elsewhere])) == [state, town, elsewhere]
