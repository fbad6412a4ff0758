"""The permission layer's scoped queries: team, organisation, archive and role rules applied once,
every fetch of rows written to the audit log under the reader's name."""

import pytest
from django.utils import timezone

from carnet.access.models import AuditAction, AuditEvent, Role
from carnet.access.visibility import visible
from carnet.privacy.services import archive_youth
from carnet.reports.models import Audience
from carnet.reports.scope import ReportScope
from carnet.reports.services import report_issue
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    organisation = factories.OrganisationFactory()
    return factories.TeamFactory(organisation=organisation), factories.TeamFactory(organisation=organisation)


def _youth(team, name):
    return factories.YouthFactory(commune=factories.CommuneFactory(team=team), first_name=name)


def _reads(user):
    return AuditEvent.objects.filter(action=AuditAction.READ, user=user)


def test_an_educator_reads_the_youths_of_their_team_only(teams):
    ours, theirs = teams
    inès, _lina = _youth(ours, "Inès"), _youth(theirs, "Lina")
    educator = factories.MembershipFactory(team=ours, role=Role.EDUCATOR).user

    assert list(visible(educator).youths()) == [inès]


def test_a_director_reads_every_team_of_the_organisation(teams):
    ours, theirs = teams
    found = {_youth(ours, "Inès"), _youth(theirs, "Lina")}
    director = factories.MembershipFactory(team=None, organisation=ours.organisation, role=Role.DIRECTOR).user

    assert set(visible(director).youths()) == found


def test_a_funder_viewer_reads_no_youth_at_all(teams):
    ours, _ = teams
    _youth(ours, "Inès")
    viewer = factories.MembershipFactory(
        team=None, organisation=ours.organisation, role=Role.FUNDER_VIEWER
    ).user

    assert list(visible(viewer).youths()) == []


def test_the_restricted_archive_is_out_of_reach_and_merged_records_only_on_demand(teams):
    ours, _ = teams
    kept, merged, archived = _youth(ours, "Inès"), _youth(ours, "Inès bis"), _youth(ours, "Lina")
    merged.merged_into = kept
    merged.save()
    now = timezone.now()
    archive_youth(youth=archived, now=now, today=now.date())
    leader = factories.MembershipFactory(team=ours, role=Role.TEAM_LEADER).user

    assert list(visible(leader).youths()) == [kept]
    assert set(visible(leader).youths(merged=True)) == {kept, merged}


def test_fetching_rows_is_logged_under_the_readers_name_and_counting_is_not(teams):
    ours, _ = teams
    inès, yanis = _youth(ours, "Inès"), _youth(ours, "Yanis")
    educator = factories.MembershipFactory(team=ours, role=Role.EDUCATOR).user
    youths = visible(educator).youths()

    assert youths.count() == 2 and youths.exists()
    assert not _reads(educator).exists()

    list(youths.order_by("pk"))
    youths.get(pk=inès.pk)

    listed, single = _reads(educator).order_by("id")
    assert listed.changes == {"jeunes": [inès.pk, yanis.pk]} and listed.username == educator.username
    assert (single.target_type, single.target_id) == ("youths.youth", str(inès.pk))


def test_a_funder_viewer_finds_only_the_external_versions_of_issued_reports(teams):
    ours, _ = teams
    leader = factories.MembershipFactory(team=ours, role=Role.TEAM_LEADER).user
    scope = ReportScope(
        team=ours, start=timezone.localdate().replace(month=1, day=1), end=timezone.localdate()
    )
    external = report_issue(scope=scope, audience=Audience.EXTERNAL, user=leader)
    report_issue(scope=scope, audience=Audience.INTERNAL, user=leader)
    viewer = factories.MembershipFactory(
        team=None, organisation=ours.organisation, role=Role.FUNDER_VIEWER
    ).user

    assert list(visible(viewer).issued_reports()) == [external]
    assert visible(leader).issued_reports().count() == 2
