"""The audit log reads as French sentences, filterable by person, youth, kind and date."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from carnet.access import audit
from carnet.access.audit_sentences import changes, sentence
from carnet.access.models import AuditAction, AuditEvent, Role
from carnet.reports.models import Audience
from carnet.reports.scope import ReportScope
from carnet.reports.services import report_issue
from tests import factories

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def claire(team):
    user = factories.UserFactory(first_name="Claire", last_name="Lefebvre")
    factories.MembershipFactory(user=user, team=team, role=Role.TEAM_LEADER)
    return user


def at(event: AuditEvent, moment: datetime.datetime) -> AuditEvent:
    # The log refuses updates: the moment is set on the instance read, as the sentence reads it.
    event.at = moment
    return event


def test_an_issued_report_reads_as_the_issues_example(team, claire):
    scope = ReportScope(team=team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31))
    with audit.acting_as(claire):  # as the request's middleware does
        issued = report_issue(scope=scope, audience=Audience.EXTERNAL, user=claire)
    event = AuditEvent.objects.get(action=AuditAction.REPORT_ISSUE)
    text = sentence(at(event, datetime.datetime(2026, 12, 3, 9, 12, tzinfo=PARIS)))
    assert (
        text
        == f"Claire Lefebvre a émis le bilan « {issued.title} » (version externe) le 3 décembre 2026 à 9 h 12"
    )


def test_a_change_names_the_field_and_the_choice_labels_not_the_codes(team, claire):
    scope = ReportScope(team=team, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31))
    with audit.acting_as(claire):
        report_issue(scope=scope, audience=Audience.INTERNAL, user=claire)
    created = AuditEvent.objects.filter(action=AuditAction.CREATE, target_type="reports.issuedreport").get()
    detail = changes(created)
    assert "internal" not in detail and "Interne à l'équipe" in detail
    assert sentence(created).startswith("Claire Lefebvre a créé bilan émis « ")


def test_a_youth_read_names_the_file_by_number_only(commune, claire):
    youth = factories.YouthFactory(commune=commune, first_name="Inès")
    event = audit.record(action=AuditAction.READ, target=youth, user=claire)
    text = sentence(event)
    assert text.startswith(f"Claire Lefebvre a consulté la fiche du jeune n° {youth.pk} le ")
    assert "Inès" not in text


def test_a_failed_login_and_the_systems_work_read_plainly(commune):
    failed = audit.record(action=AuditAction.LOGIN_FAILED, username="cfleur")
    assert sentence(failed).startswith("Échec de connexion pour l'identifiant « cfleur » le ")
    youth = factories.YouthFactory(commune=commune)
    archived = audit.record(action=AuditAction.ARCHIVE, target=youth)
    assert sentence(archived).startswith(
        f"Le système a archivé la fiche du jeune n° {youth.pk} (durée de conservation)"
    )


def test_the_director_filters_by_person_youth_kind_and_date(client, team, commune, claire):
    director = factories.MembershipFactory(team=None, organisation=team.organisation, role=Role.DIRECTOR).user
    youth, other = factories.YouthFactory(commune=commune), factories.YouthFactory(commune=commune)
    audit.record(action=AuditAction.READ, target=youth, user=claire)
    audit.record(action=AuditAction.READ, target=other, user=claire)
    intervention = factories.InterventionFactory(youth=youth, domains=["famille"])
    client.force_login(director)
    url = reverse("access:audit_log")
    html = client.get(url, {"youth": youth.pk}).content.decode()
    lines = html.split('class="audit-lines"')[1]
    assert f"la fiche du jeune n° {youth.pk}" in lines and f"jeune n° {other.pk}" not in lines
    assert f"intervention (jeune n° {youth.pk})" in lines
    html = client.get(url, {"person": claire.pk, "action": "read", "start": "2000-01-01"}).content.decode()
    lines = html.split('class="audit-lines"')[1]
    assert lines.count("Claire Lefebvre a consulté") == 2 and "a créé" not in lines
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    html = client.get(url, {"start": tomorrow}).content.decode()
    assert "Aucun événement." in html
    assert intervention.pk
