"""The facts after a write the services did not make: a record saved or deleted in the Django
admin, whose forms write the models directly. What the facts count of the record, as stored
before and as saved after, is refreshed; a record the facts do not count changes nothing."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction

from carnet.activity.models import CollectiveAction, Intervention, PresenceSession
from carnet.youths.models import Youth

from .kinds import SESSIONS
from .services import refresh_action_facts, refresh_team_year_facts
from .youth_facts import refresh_youth_facts, youth_fact_years


@dataclass(frozen=True)
class Footprint:
    """The facts a record counts in: its youths' (and for a youth, the team-year sums of its
    facts, which go with it when it is deleted), its team's sessions or actions of a year."""

    youth_ids: frozenset[int] = frozenset()
    team_years: frozenset[tuple[int, int | None]] = frozenset()
    sessions: frozenset[tuple[int, int]] = frozenset()
    actions: frozenset[tuple[int, int]] = frozenset()

    def __or__(self, other: "Footprint") -> "Footprint":
        return Footprint(
            self.youth_ids | other.youth_ids,
            self.team_years | other.team_years,
            self.sessions | other.sessions,
            self.actions | other.actions,
        )


NOTHING = Footprint()


def footprint(record: models.Model) -> Footprint:
    """What the facts count of ``record`` with its values as they are in memory."""
    match record:
        case Intervention():
            return Footprint(youth_ids=frozenset({record.youth_id}))
        case Youth() if record.pk is not None:
            return Footprint(
                youth_ids=frozenset({record.pk}),
                team_years=frozenset(youth_fact_years(youth_ids=[record.pk])),
            )
        case PresenceSession():
            return Footprint(sessions=frozenset({(record.team_id, record.date.year)}))
        case CollectiveAction():
            return Footprint(actions=frozenset({(record.team_id, record.start_date.year)}))
    return NOTHING


def stored_footprint(record: models.Model) -> Footprint:
    """What the facts count of ``record`` as stored (nothing for a record not saved yet)."""
    if record.pk is None:
        return NOTHING
    stored = type(record)._default_manager.filter(pk=record.pk).first()
    return NOTHING if stored is None else footprint(stored)


def footprints(records: Iterable[models.Model]) -> Footprint:
    combined = NOTHING
    for record in records:
        combined |= footprint(record)
    return combined


@transaction.atomic(savepoint=False)
def refresh_changed_facts(*, before: Footprint, after: Footprint) -> None:
    """Recompute every fact ``before`` or ``after`` names, from the records as they are now."""
    changed = before | after
    if changed.youth_ids or changed.team_years:
        refresh_youth_facts(youth_ids=changed.youth_ids, team_years=changed.team_years)
    for team_id, year in sorted(changed.sessions):
        refresh_team_year_facts(kind=SESSIONS, team_id=team_id, years=[year])
    for team_id, year in sorted(changed.actions):
        refresh_action_facts(team_id=team_id, years=[year])
