"""Who a management command acts as, for the permission layer and the audit log.

``--as LOGIN`` makes the command act as that staff member: their rights apply (a team
leader exports only their teams) and the audit log names them. Without it the command
runs as the console operator, who has the server in hand anyway: the log then names the
system account, never nobody.
"""

import contextlib
from collections.abc import Iterator

from django.core.management.base import CommandError

from carnet.organisations.models import Organisation, Team

from . import audit
from .models import User
from .permissions import Capability, has_capability, teams_with

# The account the console's work is logged under: it cannot sign in (no usable password,
# inactive) and holds no membership, so it never opens a screen.
SYSTEM_USERNAME = "systeme"


def system_user() -> User:
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Système", "last_name": "(console)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@contextlib.contextmanager
def as_system() -> Iterator[User]:
    """Run the block as the system account: the work of the installation itself (retention)."""
    user = system_user()
    with audit.acting_as(user):
        yield user


def add_acting_user_argument(parser) -> None:
    parser.add_argument(
        "--as",
        dest="acting_login",
        metavar="IDENTIFIANT",
        help=(
            "agir comme ce membre de l'équipe (ses droits s'appliquent, le journal le nomme) ; "
            "sans cette option, la commande est journalisée au nom du compte système"
        ),
    )


@contextlib.contextmanager
def console_actor(login: str | None) -> Iterator[User | None]:
    """Run the block as ``login`` (yielded, for rights checks) or as the system account (None)."""
    if login:
        user = User.objects.filter(username=login, is_active=True).first()
        if user is None:
            raise CommandError(f"--as : aucun compte actif ne porte l'identifiant « {login} ».")
        with audit.acting_as(user):
            yield user
    else:
        with as_system():
            yield None


def refuse_unless(
    user: User | None,
    capability: Capability,
    *,
    team: Team | None = None,
    organisation: Organisation | None = None,
    doing: str,
) -> None:
    """A CommandError when the acting user lacks ``capability`` on ``team`` (or ``organisation``);
    the console operator (``user`` None) may do anything."""
    if user is None:
        return
    if organisation is not None:
        # Every team of the organisation: a leader of one team does not get the others' figures.
        outside = organisation.teams.exclude(pk__in=teams_with(user, capability).values("pk"))
        allowed = organisation.teams.exists() and not outside.exists()
        where = f"l'organisation « {organisation.name} »"
    else:
        allowed = has_capability(user, capability, team=team)
        where = f"l'équipe « {team.name} »" if team is not None else "aucune équipe"
    if not allowed:
        raise CommandError(f"« {user.get_username()} » n'a pas le droit {doing} pour {where}.")
