"""Every URL and every management command that reads youth data goes through the permission
layer, which writes the read to the audit log (issue 13: one permission layer).

The URL walk opens every URL of the project (as the matrix does, with its sample records)
as each role that reads youths; a response that names a youth of the sample world, in a
page, a fragment or a document, must have left a read or export line under the user's
name. A new view that reads youths any other way fails here.
"""

import io
import zipfile

import pytest
from django.core.management import get_commands, load_command_class
from django.urls import get_resolver, reverse

from carnet.access.models import AuditAction, AuditEvent
from tests.access.test_url_matrix import _patterns, _sample_kwargs, world  # noqa: F401 (world: a fixture)
from tests.second_factor import force_login_verified

pytestmark = pytest.mark.django_db

# The first names of the matrix world's youths (every youth of team A has one of these).
YOUTH_NAMES = ("Inès", "Yanis")
READERS = ("educator", "team_leader", "director")
LOGGED = (AuditAction.READ, AuditAction.EXPORT)

# Commands that act for a person on a team's youths: they take --as, whose rights apply.
FOR_A_PERSON = {"report", "export", "import"}
# Commands of the operator on the whole installation, logged under the system account or not
# reading youth files at all; each says why it needs no acting person.
FOR_THE_OPERATOR = {
    "backup": "copies the whole database for the operator, the audit log included; reads no file for anyone",
    "restore": "writes a backup back into an empty database; shows nothing",
    "retention": "archives and anonymises what is due, logged under the system account",
    "schedule_retention": "queues the retention task; reads nothing",
    "flush": "empties the database (tests, reinstall); reads nothing",
    "load_demo": "writes the demonstration data set; reads nothing",
    "synth": "writes synthetic data for measurements; reads nothing",
    "demo_logins": "prints the demonstration accounts; reads no youth",
    "setup": "creates an organisation, its teams and invitations; reads no youth",
    "worker": "runs queued tasks, each logging its own work (imports name the user who queued them)",
    "rebuild_facts": "recomputes derived counts from the records; shows nothing",
    "check_facts": "compares derived counts with the records, naming records by number only",
}


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8", errors="ignore")


def test_no_url_shows_a_youth_without_writing_the_read_to_the_audit_log(client, world):  # noqa: F811
    failures = []
    for name, pattern in _patterns(get_resolver()):
        kwargs = _sample_kwargs(name, pattern, world["kwargs"])
        query = world["queries"].get(name, "")
        url = reverse(name, kwargs=kwargs) + (f"?{query}" if query else "")
        for person in READERS:
            user = world["people"][person]
            # Past the second factor where it is asked: a page refused for that would show nothing.
            force_login_verified(client, user)
            mark = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = client.get(url)
            client.logout()
            if response.status_code != 200 or not any(name_ in _text(response) for name_ in YOUTH_NAMES):
                continue
            logged = AuditEvent.objects.filter(id__gt=mark, action__in=LOGGED, user=user).exists()
            if not logged:
                failures.append(f"{person} {url} ({name}) shows a youth and logs no read")
    assert not failures, "\n".join(failures)


def test_the_walk_sees_a_youth_where_there_is_one(client, world):  # noqa: F811
    """The walk above is only as good as its eyes: the youth's page is found naming her."""
    client.force_login(world["people"]["educator"])
    response = client.get(reverse("youths:detail", args=[world["kwargs"]["pk"]["youths"]]))
    assert "Inès" in _text(response)


def test_every_command_that_reads_youths_for_a_person_takes_an_acting_user():
    commands = {name for name, app in get_commands().items() if app.startswith("carnet.")}

    unclassified = commands - FOR_A_PERSON - set(FOR_THE_OPERATOR)
    assert not unclassified, f"say whether these act for a person (--as) or for the operator: {unclassified}"
    for name in FOR_A_PERSON:
        parser = load_command_class(get_commands()[name], name).create_parser("manage.py", name)
        assert "acting_login" in {action.dest for action in parser._actions}, f"{name} has no --as"


def test_the_homes_data_quality_list_is_no_longer_an_unaudited_read_of_names(client, world):  # noqa: F811
    director = world["people"]["director"]
    client.force_login(director)

    assert "Inès" in _text(client.get(reverse("home")))
    listed = AuditEvent.objects.filter(action=AuditAction.READ, user=director, changes__has_key="jeunes")
    assert any(len(event.changes["jeunes"]) == 3 for event in listed)
