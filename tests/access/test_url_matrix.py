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
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db

# Views open to anyone, and views open to any signed-in user whatever their role.
PUBLIC = {"login", "agenda:feed", "onboarding:invitation"}
SIGNED_IN = {
    "home",
    "logout",
    "password_change",
    "password_change_done",
    "access:account",
    "access:two_factor_setup",
    "access:two_factor_verify",
}
# The admin has its own rules: the second test below, and tests/access/test_admin_scoping.py.
SKIPPED_NAMESPACES = {"admin"}

ALLOWED = {200, 302}


def _patterns(
    resolver: URLResolver, prefix: str = "", namespace: str | None = None, skipped=SKIPPED_NAMESPACES
):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner in skipped:
                continue
            yield from _patterns(entry, prefix + str(entry.pattern), inner, skipped)
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
            # Signed in as each person would be, past the second factor where it is asked.
            force_login_verified(client, user)
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


# --- The Django admin ---------------------------------------------------------------------
# Only the administrator role (and superusers) enters the admin; there, an administrator
# without Django model permissions nor a team role reaches the organisation's settings only.
ADMINISTRATOR_SETTINGS = {"organisations", "referentials"}
ADMIN_PAGES_OF_ANY_ADMINISTRATOR = {"index", "jsi18n", "logout", "login", "password_change"}
ADMIN_PAGES_OF_ANY_ADMINISTRATOR |= {"password_change_done", "view_on_site"}


def _admin_samples(world) -> dict[str, str]:
    """A record of team A (or its organisation) of every model the admin shows, by label."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib import admin
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from carnet.access.models import Membership
    from carnet.privacy.tasks import run_retention

    team = world["team"]
    leader = world["people"]["team_leader"]
    created = {
        "auth.group": Group.objects.create(name="Groupe"),
        "axes.accessattempt": AccessAttempt.objects.create(username="x", failures_since_start=1),
        "axes.accesslog": AccessLog.objects.create(username="x"),
        "axes.accessfailurelog": AccessFailureLog.objects.create(username="x", locked_out=False),
        "otp_totp.totpdevice": TOTPDevice.objects.create(user=leader, name="téléphone"),
        "access.user": leader,
        "access.membership": Membership.objects.filter(user=leader).first(),
        "organisations.organisation": team.organisation,
        "organisations.team": team,
    }
    samples = {label: str(record.pk) for label, record in created.items()}
    samples["django_tasks_database.dbtaskresult"] = str(run_retention.enqueue().id)
    for model in admin.site._registry:
        label = model._meta.label_lower
        if label not in samples:
            scoped = model._default_manager.filter(pk__in=_records_of_team_a(model, team)).first()
            assert scoped is not None, f"{label}: no sample record of team A for the admin matrix"
            samples[label] = str(scoped.pk)
    return samples


def _records_of_team_a(model, team):
    from carnet.access.scoping import ORGANISATION_PATHS, TEAM_PATHS

    label = model._meta.label_lower
    if label in TEAM_PATHS:
        return model._default_manager.filter(**{TEAM_PATHS[label] or "pk": team.pk}).values("pk")
    path = ORGANISATION_PATHS[label]
    return model._default_manager.filter(**{path or "pk": team.organisation.pk}).values("pk")


def _admin_url(name: str, pattern: URLPattern, samples: dict, labels: dict) -> tuple[str, str | None]:
    """The URL of an admin page with sample arguments, and the model label it is about."""
    from django.contrib.contenttypes.models import ContentType

    short = name.removeprefix("admin:")
    if short == "view_on_site":
        youth_type = ContentType.objects.get(app_label="youths", model="youth").pk
        return reverse(name, args=[youth_type, samples["youths.youth"]]), None
    if short == "app_list":
        return reverse(name, kwargs={"app_label": "organisations"}), "organisations.team"
    if short == "autocomplete":
        query = "app_label=activity&model_name=intervention&field_name=youth&term=In"
        return f"{reverse(name)}?{query}", "youths.youth"
    if short == "auth_user_password_change":
        return reverse(name, args=[samples["access.user"]]), "access.user"
    label = next((label for prefix, label in labels.items() if short.startswith(prefix)), None)
    # django-otp's QR code pages name their argument pk.
    kwargs = {key: samples[label] for key in ("object_id", "pk") if key in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs), label


def test_every_admin_url_answers_each_role_as_the_admin_rule_says(client, world):
    from django.contrib import admin

    samples = _admin_samples(world)
    labels = {
        f"{model._meta.app_label}_{model._meta.model_name}_": model._meta.label_lower
        for model in admin.site._registry
    }
    names = [
        (name, pattern)
        for name, pattern in _patterns(get_resolver(), skipped=set())
        if name.startswith("admin:")
    ]
    assert len(names) > 100, "the admin's URLs were not all found"
    failures = []
    for name, pattern in names:
        url, label = _admin_url(name, pattern, samples, labels)
        client.logout()
        response = client.get(url)
        if response.status_code != 302:
            failures.append(f"anonymous {url} ({name}): {response.status_code}")
        for person, user in world["people"].items():
            force_login_verified(client, user)
            status = client.get(url).status_code
            if status == 405:  # signing out of the admin is a POST
                status = client.post(url).status_code
            if person != "admin":
                ok = status == 403
            elif name == "admin:view_on_site":
                # No model of Carnet has a page of its own (get_absolute_url): nothing to show.
                ok = status == 404
            elif label is None:
                ok = name.removeprefix("admin:") in ADMIN_PAGES_OF_ANY_ADMINISTRATOR and status in ALLOWED
            elif label.split(".")[0] in ADMINISTRATOR_SETTINGS:
                ok = status in ALLOWED
            else:
                ok = status == 403
            if not ok:
                failures.append(f"{person} {url} ({name}): {status}")
            client.logout()
    assert not failures, "\n".join(failures)
