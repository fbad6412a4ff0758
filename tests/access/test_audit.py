"""The audit log: who read, changed, exported or issued what, and logins; append-only."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from carnet.access import audit
from carnet.access.models import AuditAction, AuditEvent, Role
from tests.factories import MembershipFactory, UserFactory, YouthFactory

pytestmark = pytest.mark.django_db


def test_a_change_is_logged_with_before_and_after_values_but_never_a_youths_name(commune):
    youth = YouthFactory(commune=commune, first_name="Inès", sex="F", birth_year=2010)
    youth.first_name, youth.birth_year = "Inès-Marie", 2009
    user = UserFactory()
    with audit.acting_as(user):
        youth.save()
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).get()
    assert event.user == user and event.target_id == str(youth.pk)
    assert event.changes["birth_year"] == [2010, 2009]
    assert event.changes["first_name"] == ["modifié", "modifié"]
    assert "Inès" not in str(event.changes) + event.target_label


def test_creation_and_deletion_are_logged(commune):
    youth = YouthFactory(commune=commune)
    pk = youth.pk
    youth.delete()
    actions = list(AuditEvent.objects.filter(target_id=str(pk)).values_list("action", flat=True))
    assert set(actions) >= {AuditAction.CREATE, AuditAction.DELETE}


def test_successful_and_failed_logins_are_logged(client):
    UserFactory(username="camille")
    client.post(reverse("login"), {"username": "camille", "password": "mauvais"})
    client.post(reverse("login"), {"username": "camille", "password": "motdepasse-de-test"})
    assert list(AuditEvent.objects.order_by("id").values_list("action", "username")) == [
        (AuditAction.LOGIN_FAILED, "camille"),
        (AuditAction.LOGIN, "camille"),
    ]


def test_no_code_path_can_change_or_delete_a_line():
    event = audit.record(action=AuditAction.EXPORT, target_label="bilan")
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(username="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_the_database_itself_refuses_to_change_or_delete_a_line():
    event = audit.record(action=AuditAction.EXPORT, target_label="bilan")
    table = AuditEvent._meta.db_table
    for statement in (f"UPDATE {table} SET username = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.get(pk=event.pk).username == ""


def test_retention_purge_may_delete_old_lines():
    audit.record(action=AuditAction.EXPORT, target_label="bilan")
    with audit.purge_allowed():
        AuditEvent.objects.all().delete()
    assert not AuditEvent.objects.exists()


def test_changes_of_bulk_loaders_are_not_logged_record_by_record(commune):
    before = AuditEvent.objects.count()
    with audit.changes_not_logged():
        YouthFactory(commune=commune)
    assert AuditEvent.objects.count() == before


def test_a_request_makes_the_signed_in_user_the_actor(client, team):
    leader = MembershipFactory(team=team, role=Role.TEAM_LEADER).user
    client.force_login(leader)
    client.post(reverse("referentials:values", args=["domaines"]), {"label": "Logement", "position": 30})
    event = AuditEvent.objects.get(action=AuditAction.CREATE, target_label="Logement")
    assert event.user == leader and event.ip_address == "127.0.0.1"


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(client):
    UserFactory(username="camille")
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "camille", "password": "mauvais"})
    response = client.post(reverse("login"), {"username": "camille", "password": "motdepasse-de-test"})
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_director_searches_the_log_by_user_and_action(client, team):
    director = MembershipFactory(team=None, organisation=team.organisation, role=Role.DIRECTOR).user
    educator = MembershipFactory(team=team, role=Role.EDUCATOR).user
    audit.record(action=AuditAction.READ, user=educator, target_label="jeune n° 4")
    audit.record(action=AuditAction.EXPORT, user=educator, target_label="bilan")
    client.force_login(director)
    html = client.get(reverse("access:audit_log"), {"person": educator.pk, "action": "read"}).content.decode()
    assert "jeune n° 4" in html and "bilan" not in html.split('class="audit-lines"')[1]


def test_team_leader_cannot_read_the_log(client, team):
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_LEADER).user)
    assert client.get(reverse("access:audit_log")).status_code == 403
