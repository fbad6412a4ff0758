"""The demo's two teams: each keeps to its own youths, places and staff, and every login
sees what its role and team allow, so that the team boundary can be tried from the login page.

The demo is loaded once for the module, as the seed report tests do.
"""

import datetime
import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db.models import F, Q, Sum

from carnet.access.models import Membership, User
from carnet.access.permissions import Capability, teams_with
from carnet.access.scoping import scoped
from carnet.activity.models import (
    CollectiveAction,
    Intervention,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)
from carnet.demo.catalogue import DEMO_TEAM_NAME, DEMO_USERS, SECOND_TEAM_NAME
from carnet.organisations.models import Team
from carnet.youths.models import AccompanimentPeriod, Youth
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db
BOTH_TEAMS = {DEMO_TEAM_NAME, SECOND_TEAM_NAME}
START, END = datetime.date(2023, 5, 9), datetime.date(2023, 12, 31)


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def lievin():
    return Team.objects.get(name=SECOND_TEAM_NAME)


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_each_team_youths_live_in_its_own_communes_only():
    for team in Team.objects.all():
        youths = Youth.objects.filter(team=team)
        assert youths.exists()
        assert not youths.exclude(commune__team=team).exists(), team
        assert not youths.exclude(quartier__commune__team=team).exists(), team
    lievin = Youth.objects.filter(team__name=SECOND_TEAM_NAME)
    assert lievin.count() == 45
    assert set(lievin.values_list("commune__name", flat=True)) == {"Liévin"}
    assert all(code.startswith("LV23-") for code in lievin.values_list("code", flat=True))
    assert not Youth.objects.filter(team__name=DEMO_TEAM_NAME, commune__name="Liévin").exists()


def test_every_record_stays_inside_its_team():
    team = F("team")
    outside = [
        Intervention.objects.exclude(youth__team=team),
        CollectiveAction.objects.exclude(commune__team=team),
        CollectiveAction.objects.exclude(quartier=None).exclude(quartier__commune__team=team),
        CollectiveAction.participants.through.objects.exclude(youth__team=F("collectiveaction__team")),
        PresenceSession.objects.exclude(commune__team=team),
        PresenceSession.objects.exclude(quartier=None).exclude(quartier__commune__team=team),
        PresenceSession.known_youths.through.objects.exclude(youth__team=F("presencesession__team")),
        PartnershipMeeting.objects.exclude(commune__team=team),
        TerritorialDiagnostic.objects.exclude(quartier__commune__team=team),
    ]
    for records in outside:
        assert not records.exists(), records.model.__name__


def test_only_a_team_own_educators_work_on_its_records():
    staff = defaultdict(set)
    for team_id, user_id in Membership.objects.exclude(team=None).values_list("team", "user"):
        staff[team_id].add(user_id)
    links = [
        (Intervention.educators.through, "intervention__team"),
        (CollectiveAction.educators.through, "collectiveaction__team"),
        (PresenceSession.educators.through, "presencesession__team"),
        (PartnershipMeeting.educators.through, "partnershipmeeting__team"),
        (AccompanimentPeriod.referents.through, "accompanimentperiod__youth__team"),
    ]
    for through, team_path in links:
        rows = list(through.objects.values_list(team_path, "user"))
        assert rows, through.__name__
        assert all(user_id in staff[team_id] for team_id, user_id in rows), through.__name__


@pytest.mark.parametrize("spec", DEMO_USERS, ids=lambda spec: spec.username)
def test_each_login_reaches_the_teams_of_its_role_and_no_other(spec):
    account = user(spec.username)

    def names(*capabilities):
        return set(teams_with(account, *capabilities).values_list("name", flat=True))

    own = {spec.team} if spec.team else BOTH_TEAMS
    expected = {
        "educator": {
            Capability.VIEW_YOUTHS: own,
            Capability.RECORD_ACTIVITY: own,
            Capability.VIEW_REPORTS: set(),
        },
        "team_leader": {
            Capability.VIEW_YOUTHS: own,
            Capability.VIEW_REPORTS: own,
            Capability.VIEW_AUDIT: set(),
        },
        "director": {
            Capability.VIEW_YOUTHS: own,
            Capability.RECORD_ACTIVITY: set(),
            Capability.VIEW_AUDIT: own,
        },
        "funder_viewer": {Capability.VIEW_YOUTHS: set(), Capability.VIEW_ISSUED_REPORTS: own},
        "admin": {
            Capability.VIEW_YOUTHS: set(),
            Capability.VIEW_REPORTS: set(),
            Capability.MANAGE_USERS: own,
        },
    }[spec.role]
    assert {capability: names(capability) for capability in expected} == expected


def test_an_educator_sees_only_the_youths_of_their_team():
    def visible(username):
        return scoped(Youth.objects.all(), user=user(username), capabilities=(Capability.VIEW_YOUTHS,))

    assert set(visible("sophie.delattre").values_list("commune__name", flat=True)) == {"Liévin"}
    assert set(visible("thomas.normand").values_list("commune__name", flat=True)) == {
        "Montigny-en-Gohelle",
        "Hénin-Beaumont",
    }
    assert visible("marc.dubois").count() == Youth.objects.count()
    assert not visible("anct.lecteur").exists()
    assert not visible("admin").exists()


def test_the_admin_manages_accounts_in_the_admin_site_and_sees_no_youth(client):
    force_login_verified(client, user("admin"))
    assert client.get("/admin/access/user/").status_code == 200
    assert client.get("/admin/access/membership/").status_code == 200
    assert client.get("/admin/access/membership/add/").status_code == 200
    assert client.get("/admin/youths/youth/").status_code == 403


def test_the_funder_viewer_has_no_admin_site(client):
    force_login_verified(client, user("anct.lecteur"))
    assert client.get("/admin/access/user/").status_code == 403


def test_lievin_has_its_own_year_of_records(lievin):
    minutes = PresenceSession.objects.filter(team=lievin).aggregate(total=Sum("duration_minutes"))["total"]
    assert minutes == 180 * 60
    assert set(PresenceSession.objects.filter(team=lievin).values_list("kind__code", flat=True)) == {
        "rue",
        "college",
        "local",
    }
    assert CollectiveAction.objects.filter(team=lievin).count() == 14 + 11 + 1 + 3 + 9
    assert Intervention.objects.filter(team=lievin).count() > 100
    assert PartnershipMeeting.objects.filter(team=lievin).count() == 12 + 3
    for quartier in lievin.communes.get().quartiers.all():
        assert TerritorialDiagnostic.objects.filter(team=lievin, quartier=quartier).count() == 1
    for model, field in ((Intervention, "date"), (PresenceSession, "date"), (CollectiveAction, "start_date")):
        days = model.objects.filter(team=lievin).values_list(field, flat=True)
        assert min(days) >= START and max(days) <= END, model.__name__


def test_lievin_interventions_are_dated_inside_an_accompaniment_of_their_youth(lievin):
    for intervention in Intervention.objects.filter(team=lievin).select_related("youth"):
        assert intervention.youth.accompaniment_periods.filter(
            Q(end__isnull=True) | Q(end__gte=intervention.date), start__lte=intervention.date
        ).exists()


def test_lievin_youths_climb_the_modality_ladder(lievin):
    periods = AccompanimentPeriod.objects.filter(youth__team=lievin)
    highest = {}
    for youth_id, rank in periods.values_list("youth", "modality__rank"):
        highest[youth_id] = max(highest.get(youth_id, rank), rank)
    assert len(highest) == 45 - 2  # two youths just met, with no accompaniment yet
    assert len(set(highest.values())) == 3
