"""Management commands act as a named user (--as) whose rights apply, or as the system account:
their reads and writes are never logged as anonymous (issue 13, the permission layer)."""

import pytest
from django.core.management import CommandError, call_command

from carnet.access.console import SYSTEM_USERNAME
from carnet.access.models import AuditAction, AuditEvent, Role, User
from tests import factories

pytestmark = pytest.mark.django_db

PERIOD = ["--from=2023-01-01", "--to=2023-12-31", "--format=xlsx"]


def _mark() -> int:
    """The last line of the log before the command: the arranging wrote lines of its own."""
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def world():
    organisation = factories.OrganisationFactory(name="Association A")
    team = factories.TeamFactory(organisation=organisation, name="Équipe A")
    other = factories.TeamFactory(organisation=organisation, name="Équipe B")
    factories.YouthFactory(commune=factories.CommuneFactory(team=team), first_name="Inès")
    return {
        "team": team,
        "leader": factories.MembershipFactory(team=team, role=Role.TEAM_LEADER).user,
        "educator": factories.MembershipFactory(team=team, role=Role.EDUCATOR).user,
        "leader_of_b": factories.MembershipFactory(team=other, role=Role.TEAM_LEADER).user,
    }


def test_a_report_written_at_the_console_is_no_longer_logged_as_anonymous(world, tmp_path):
    mark = _mark()

    call_command("report", "--team=Équipe A", *PERIOD, f"--output={tmp_path / 'b.xlsx'}")

    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.username == SYSTEM_USERNAME and event.user is not None
    assert not AuditEvent.objects.filter(id__gt=mark, username="").exists()


def test_the_system_account_cannot_sign_in(world, tmp_path):
    call_command("export", "--team=Équipe A", f"--output={tmp_path / 'e.zip'}")

    system = User.objects.get(username=SYSTEM_USERNAME)
    assert not system.is_active and not system.has_usable_password()
    assert not system.memberships.exists()
    assert AuditEvent.objects.get(action=AuditAction.EXPORT).user == system


def test_an_export_as_a_team_leader_is_logged_under_their_name(world, tmp_path):
    leader = world["leader"]

    call_command("export", "--team=Équipe A", f"--output={tmp_path / 'e.zip'}", f"--as={leader.username}")

    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.user, event.username) == (leader, leader.username)


def test_an_educator_cannot_export_their_team_from_the_console_either(world, tmp_path):
    with pytest.raises(CommandError, match="n'a pas le droit d'exporter"):
        call_command(
            "export",
            "--team=Équipe A",
            f"--output={tmp_path / 'e.zip'}",
            f"--as={world['educator'].username}",
        )

    assert not (tmp_path / "e.zip").exists()


def test_a_leader_of_another_team_cannot_write_this_teams_report(world, tmp_path):
    with pytest.raises(
        CommandError, match="n'a pas le droit de produire ce bilan pour l'équipe « Équipe A »"
    ):
        call_command(
            "report",
            "--team=Équipe A",
            *PERIOD,
            f"--output={tmp_path / 'b.xlsx'}",
            f"--as={world['leader_of_b'].username}",
        )


def test_a_team_leader_cannot_write_the_whole_organisations_report(world, tmp_path):
    with pytest.raises(CommandError, match="l'organisation « Association A »"):
        call_command(
            "report",
            "--organisation=Association A",
            *PERIOD,
            f"--output={tmp_path / 'b.xlsx'}",
            f"--as={world['leader'].username}",
        )


def test_an_unknown_login_is_refused_before_anything_is_read(world, tmp_path):
    with pytest.raises(CommandError, match="aucun compte actif ne porte l'identifiant « personne »"):
        call_command("report", "--team=Équipe A", *PERIOD, f"--output={tmp_path / 'b.xlsx'}", "--as=personne")

    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_import_as_an_educator_is_logged_under_their_name(world, tmp_path):
    path = tmp_path / "jeunes.csv"
    path.write_text("Prénom;Surnom;Sexe\nYanis;;H\n", encoding="utf-8")
    educator = world["educator"]
    mark = _mark()

    call_command(
        "import", str(path), kind="youths", team="Équipe A", no_progress=True, acting_login=educator.username
    )

    written = AuditEvent.objects.filter(id__gt=mark)
    assert written.filter(action=AuditAction.CREATE).exists()
    assert set(written.values_list("username", flat=True)) == {educator.username}
