"""What a user may see of the records that name youths, and the audit of every read of it.

``visible(user)`` applies the rules once: the teams where the user holds the capability
(a team role on its team, an organisation role on every team of the organisation), the
restricted archive of the retention rule left out, merged records only when asked. The
querysets it hands out write a « consultation » line to the audit log each time their
rows are fetched, under the user's name: a view, an htmx fragment, a download or a
command that reads youths through here is audited by construction, and one that reads
them any other way is caught by tests/access/test_reads_go_through_the_layer.py.

Counting (``count()``, ``exists()``) and subqueries read no personal data and write nothing.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from carnet.organisations.models import Team

from . import audit
from .models import AuditAction, User
from .permissions import Capability, teams_with

# Above this many rows a list's event keeps the first ids only: the line stays readable
# and the count says how many were shown.
LISTED_IDS = 200


class AuditedReads:
    """A queryset mixin: fetching rows writes one READ event naming what was read."""

    _reader: tuple[User, str] | None = None

    def _clone(self):
        clone = super()._clone()
        clone._reader = self._reader
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh:
            self._record_read(self._result_cache)

    def iterator(self, chunk_size: int | None = None) -> Iterator:
        rows = []
        try:
            for row in super().iterator(chunk_size=chunk_size):
                rows.append(row)
                yield row
        finally:
            # A reader that stops early has still read the rows it was given.
            self._record_read(rows)

    def _record_read(self, rows: list) -> None:
        if self._reader is None or not rows:
            return
        user, what = self._reader
        records = [row for row in rows if isinstance(row, Model)]
        if len(records) == 1:
            audit.record(action=AuditAction.READ, target=records[0], user=user)
            return
        # Rows read as values (a phone's copy) name their records by their "id".
        ids = [record.pk for record in records[:LISTED_IDS]] or [
            row["id"] for row in rows[:LISTED_IDS] if isinstance(row, dict) and "id" in row
        ]
        audit.record(
            action=AuditAction.READ,
            target_label=f"{what} : liste de {len(rows)}",
            changes={what: ids} if ids else {},
            user=user,
        )


@cache
def _audited_class(queryset_class: type[QuerySet]) -> type[QuerySet]:
    return type(f"Audited{queryset_class.__name__}", (AuditedReads, queryset_class), {})


def audited(queryset: QuerySet, *, user: User, what: str) -> QuerySet:
    """``queryset``, each fetch of its rows logged as a read by ``user`` of ``what``."""
    clone = queryset._chain()
    if not isinstance(clone, AuditedReads):
        clone.__class__ = _audited_class(type(queryset))
    clone._reader = (user, what)  # an audited query read again under another name keeps one line
    return clone


@dataclass(frozen=True)
class Visibility:
    """The records ``user`` may read, through the teams where they hold a capability."""

    user: User
    # The ids, or a subquery giving them.
    team_ids: Iterable[int] | QuerySet

    @property
    def teams(self) -> QuerySet[Team]:
        return Team.objects.filter(pk__in=self.team_ids)

    def youths(self, *, merged: bool = False) -> QuerySet:
        """Youths of the user's teams; records merged into another only when ``merged``.

        Files moved to the restricted archive are never found here: only their own
        screens (carnet.privacy) open them, for a director."""
        from carnet.youths.models import Youth

        youths = Youth.objects.filter(team__in=self.team_ids, archive__isnull=True)
        return self._audited(youths if merged else youths.active(), "jeunes")

    def archived_youths(self) -> QuerySet:
        """Youths of the user's teams moved to the restricted archive, for its own screens
        (carnet.privacy), whose capability (``OPEN_ARCHIVE``) gave this layer its teams."""
        from carnet.youths.models import Youth

        return self._audited(
            Youth.objects.filter(team__in=self.team_ids, archive__isnull=False), "jeunes archivés"
        )

    def youth_files(self) -> QuerySet:
        """Every youth file of the user's teams, archived, merged or active: the privacy screens'
        (subject access, erasure), for the holder of ``OPEN_ARCHIVE`` on those teams."""
        from carnet.youths.models import Youth

        return self._audited(Youth.objects.filter(team__in=self.team_ids), "jeunes")

    def youths_of(self, ids: Iterable[int]) -> QuerySet:
        return self.youths().filter(pk__in=list(ids))

    def interventions(self) -> QuerySet:
        from carnet.activity.models import Intervention

        return self._audited(Intervention.objects.filter(team__in=self.team_ids), "interventions")

    def collective_actions(self) -> QuerySet:
        from carnet.activity.models import CollectiveAction

        return self._audited(CollectiveAction.objects.filter(team__in=self.team_ids), "actions collectives")

    def presence_sessions(self) -> QuerySet:
        from carnet.activity.models import PresenceSession

        return self._audited(PresenceSession.objects.filter(team__in=self.team_ids), "présences")

    def issued_reports(self) -> QuerySet:
        """Issued reports: every version for the teams whose reports the user reads, only
        external versions (no youth in them) for funder viewers."""
        from carnet.reports.queries import issued_reports_for

        return self._audited(issued_reports_for(self.user), "bilans émis")

    def read(self, queryset: QuerySet, *, what: str) -> QuerySet:
        """A query built elsewhere on records of the user's teams, logged like the others."""
        return self._audited(queryset, what)

    def listed(self, *, what: str, ids: list[int]) -> None:
        """Log the read of records a computation elsewhere chose to show (a report's data-quality
        list, built from the report's own figures): the ids, never the names."""
        if ids:
            audit.record(
                action=AuditAction.READ,
                target_label=f"{what} : liste de {len(ids)}",
                changes={what: ids[:LISTED_IDS]},
                user=self.user,
            )

    def _audited(self, queryset: QuerySet, what: str) -> QuerySet:
        return audited(queryset, user=self.user, what=what)


def visible(user: User, *, capability: Capability = Capability.VIEW_YOUTHS) -> Visibility:
    """What ``user`` may read with ``capability``: nothing at all for a user without it."""
    return Visibility(user=user, team_ids=tuple(teams_with(user, capability).values_list("pk", flat=True)))


def visible_within(user: User, teams: QuerySet[Team]) -> Visibility:
    """The layer on ``teams`` a view already checked ``user``'s capability on (a form's teams)."""
    return Visibility(user=user, team_ids=teams.values("pk"))


def visible_to(request: HttpRequest) -> Visibility:
    """The request's view of the data, on the teams its ``@require`` capability gave it."""
    team_ids = getattr(request, "team_ids", None)
    if team_ids is None:
        team_ids = list(request.teams.values_list("pk", flat=True))
    return Visibility(user=request.user, team_ids=tuple(team_ids))
