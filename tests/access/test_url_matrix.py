"""Every URL of the project, for every role, for a user of another organisation and for an
anonymous visitor: allowed or forbidden, as the permission layer says.

The matrix is generated from the URL configuration. A view states its rule with
``@require(Capability.X)`` (read from the view), or is listed below as open to any
signed-in user or to anyone. A new view without a rule, or a URL without sample
arguments, fails this test until it gets one.
"""

import datetime

import pytest
from django.contrib.auth.views import LoginView, LogoutView, PasswordChangeDoneView, PasswordChangeView
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from carnet.access.models import Role
from carnet.access.permissions import ROLE_CAPABILITIES
from carnet.agenda.services import calendar_feed_renew
from carnet.organisations.models import Funder
from carnet.reports.models import Audience
from carnet.reports.scope import ReportScope
from carnet.reports.services import report_issue
from carnet.youths.services import youth_merge
from tests import factories

pytestmark = pytest.mark.django_db

# Views open to anyone, and views open to any signed-in user whatever their role.
PUBLIC = {"login", "offline:service_worker", "offline:manifest", "agenda:feed", "onboarding:invitation"}
SIGNED_IN = {
    "home",
    "logout",
    "password_change",
    "password_change_done",
    "access:account",
    "access:two_factor_setup",
    "access:two_factor_verify",
    "offline:outbox",
}
# The admin has its own rules (tests/access/test_admin_scoping.py).
SKIPPED_NAMESPACES = {"admin"}

ALLOWED = {200, 302}


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str | None = None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry


@pytest.fixture
def world():
    """Team A (the one every URL points into), a second team B of the same organisation,
    and a team C of another organisation; records of team A of every kind."""
    organisation = factories.OrganisationFactory(name="Association A")
    team = factories.TeamFactory(organisation=organisation, name="Équipe A")
    commune = factories.CommuneFactory(team=team, name="Commune A")
    youth = factories.YouthFactory(commune=commune, first_name="Inès")
    other_youth = factories.YouthFactory(commune=commune, first_name="Inès", nickname="doublon")
    period = factories.AccompanimentPeriodFactory(youth=youth, start=datetime.date(2023, 6, 1))
    goal = factories.PaeiGoalFactory(period=period)
    intervention = factories.InterventionFactory(youth=youth, domains=["famille"])
    action = factories.CollectiveActionFactory(team=team, commune=commune)
    session = factories.PresenceSessionFactory(team=team, commune=commune)
    meeting = factories.PartnershipMeetingFactory(team=team, commune=commune)
    partner = factories.PartnerFactory(organisation=organisation)
    diagnostic = factories.TerritorialDiagnosticFactory(quartier=factories.QuartierFactory(commune=commune))
    planned = factories.PlannedEventFactory(team=team)
    funder = Funder.objects.create(organisation=organisation, name="Département", level="departement")
    leader = factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    scope = ReportScope(team=team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31))
    issued = report_issue(scope=scope, audience=Audience.EXTERNAL, user=leader)
    merge_source = factories.YouthFactory(commune=commune, first_name="Yanis")
    merge_target = factories.YouthFactory(commune=commune, first_name="Yanis", nickname="Yaya")
    merge = youth_merge(kept=merge_target, merged=merge_source, user=leader)
    domain = factories.referential(factories.ref.Domain, organisation, "famille")
    # An account of team A the administrator's screens may change (end, deactivate) freely.
    spare = factories.MembershipFactory(team=team, role=Role.EDUCATOR)

    team_b = factories.TeamFactory(organisation=organisation, name="Équipe B")
    other_org_team = factories.TeamFactory(organisation=factories.OrganisationFactory(name="Autre"), name="C")

    people = {
        "educator": factories.MembershipFactory(team=team, role=Role.EDUCATOR).user,
        "team_leader": leader,
        "director": factories.MembershipFactory(
            team=None, organisation=organisation, role=Role.DIRECTOR
        ).user,
        "funder_viewer": factories.MembershipFactory(
            team=None, organisation=organisation, role=Role.FUNDER_VIEWER
        ).user,
        "admin": factories.MembershipFactory(team=None, organisation=organisation, role=Role.ADMIN).user,
        "educator_of_team_b": factories.MembershipFactory(team=team_b, role=Role.EDUCATOR).user,
        "leader_of_another_organisation": factories.MembershipFactory(
            team=other_org_team, role=Role.TEAM_LEADER
        ).user,
    }
    kwargs = {
        "pk": {
            "youths": youth.pk,
            "activity:presence": session.pk,
            "activity:intervention": intervention.pk,
            "activity:action": action.pk,
            "activity:meeting": meeting.pk,
            "activity:partner": partner.pk,
            "activity:diagnostic": diagnostic.pk,
            "agenda:": planned.pk,
            "reports:issued": issued.pk,
            "youths:merge_undo": merge.pk,
            "referentials:toggle": domain.pk,
            "referentials:funder": funder.pk,
            "privacy:": youth.pk,
            "onboarding:": spare.user.pk,
            "onboarding:membership_end": spare.pk,
        },
        "other": other_youth.pk,
        "fmt": "xlsx",
        "section": "perspectives",
        "slug": "domaines",
        "token": "0" * 32,
        "goal": goal.pk,
        # A live calendar address (of the leader): the feed is public, its token the key.
        "feed": calendar_feed_renew(user=leader).token,
    }
    scope = f"team={team.pk}&start=2023-01-01&end=2023-12-31"
    # Views that read what they show from the query string get a sample one, pointing into team A.
    queries = {
        "activity:youth_search": "field=youth&q-youth=In",
        "reports:page": scope,
        "reports:drilldown": f"{scope}&table=sex&row=H&column=youths",
        "reports:section_edit": scope,
        "reports:export": scope,
        "reports:funders_update": scope,
        "reports:issue": scope,
        "privacy:lookup": f"jeune={youth.pk}",
        "imports:export": f"team={team.pk}&format=zip",
    }
    return {"people": people, "kwargs": kwargs, "team": team, "queries": queries}


def _sample_kwargs(name: str, pattern: URLPattern, samples: dict) -> dict:
    wanted = list(pattern.pattern.converters)
    values = {}
    for key in wanted:
        if key == "pk":
            matches = [prefix for prefix in samples["pk"] if name.startswith(prefix)]
            assert matches, f"{name}: no sample object for <pk>: add one to the matrix's world"
            values[key] = samples["pk"][max(matches, key=len)]
        else:
            assert key in samples, f"{name}: no sample value for <{key}>: add one to the matrix's world"
            values[key] = samples[key]
    return values


def _rule(name: str, view) -> str:
    capability = getattr(view, "carnet_capability", None)
    if capability is not None:
        return capability
    view_class = getattr(view, "view_class", None)
    if name in PUBLIC or view_class is LoginView:
        return "public"
    if name in SIGNED_IN or view_class in (LogoutView, PasswordChangeView, PasswordChangeDoneView):
        return "signed_in"
    pytest.fail(f"{name} has no access rule: decorate it with @require(Capability...) or list it here")


def _may(person: str, rule: str, team_of_url_is_theirs: bool) -> bool:
    if rule in ("public", "signed_in"):
        return True
    role = {
        "educator_of_team_b": Role.EDUCATOR,
        "leader_of_another_organisation": Role.TEAM_LEADER,
    }.get(person, person)
    return rule in ROLE_CAPABILITIES[role]


def test_every_url_answers_each_role_as_the_permission_layer_says(client, world):
    failures = []
    for name, pattern in _patterns(get_resolver()):
        rule = _rule(name, pattern.callback)
        kwargs = _sample_kwargs(name, pattern, world["kwargs"])
        query = world["queries"].get(name, "")
        url = reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")
        points_into_team_a = bool(set(kwargs) & {"pk", "other"}) or "team=" in query

        client.logout()
        status = client.get(url).status_code
        expected_anonymous = {200} if rule == "public" else {302}
        if status not in expected_anonymous:
            failures.append(f"anonymous {url} ({name}): {status}")

        for person, user in world["people"].items():
            client.force_login(user)
            response = client.get(url)
            if response.status_code == 405:
                # A POST-only view: the permission and the object are checked on POST.
                response = client.post(url)
            status = response.status_code
            if not _may(person, rule, True):
                ok = status == 403
            elif person in ("educator_of_team_b", "leader_of_another_organisation") and points_into_team_a:
                ok = status == 404
                if name == "reports:page":
                    # The page answers with its form, which refuses a team that is not theirs.
                    ok = status == 200 and "Équipe A" not in response.content.decode()
                if name.startswith(("activity:partner", "referentials:")) and person == "educator_of_team_b":
                    # Partners and referentials belong to the organisation, which team B shares.
                    ok = status in ALLOWED
            else:
                # Signing out lands on the login page; anything else sent there was refused.
                ok = status in ALLOWED and (
                    name == "logout" or "/connexion/" not in response.get("Location", "")
                )
            if not ok:
                failures.append(f"{person} {url} ({name}, {rule}): {status}")
            client.logout()
    assert not failures, "\n".join(failures)
