"""What a team's export may take: the records of the team, read through the permission layer.

A youth moved to the restricted archive (``carnet.privacy``) leaves only with an export
made by someone who may open the archive (a director, or the console's operator): a team
leader's export leaves the youth out, with every record that names them (situations,
accompaniments and their PAEI, interventions; and their name in the participants of an
action or the youths met at a presence). The reads are logged under the exporter's name
by the layer (``carnet.access.visibility``).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch, QuerySet

from carnet.access.console import system_user
from carnet.access.models import User
from carnet.access.permissions import Capability, has_capability
from carnet.access.visibility import Visibility, visible_within
from carnet.organisations.models import Team
from carnet.youths.models import Youth


def youth_identifier(youth_id: int, external_id: str) -> str:
    return external_id or f"carnet-{youth_id}"


def record_identifier(record) -> str:
    """An activity record's identifier in an export: its own, else "carnet-<number>" (which
    an import into the same team finds again)."""
    return record.external_id or f"carnet-{record.pk}"


@dataclass(frozen=True)
class ExportScope:
    team: Team
    layer: Visibility
    with_archive: bool

    @classmethod
    def of(cls, *, team: Team, user: User | None) -> "ExportScope":
        """The export of ``team`` by ``user`` (whose right to export it the caller checked), or by
        the console's operator (``user`` None), who has the whole server in hand anyway."""
        with_archive = user is None or has_capability(user, Capability.OPEN_ARCHIVE, team=team)
        reader = user or system_user()
        return cls(
            team=team,
            layer=visible_within(reader, Team.objects.filter(pk=team.pk)),
            with_archive=with_archive,
        )

    def youths(self) -> QuerySet:
        """The youths that leave with the export, their reading logged."""
        if self.with_archive:
            youths = Youth.objects.active().filter(team=self.team)
            return self.layer.read(youths, what="jeunes (archive restreinte comprise)")
        return self.layer.youths().filter(team=self.team)

    def of_exported_youths(self, records: QuerySet, path: str = "youth") -> QuerySet:
        """``records`` (of the team) that name a youth who leaves with the export."""
        records = records.filter(**{f"{path}__merged_into__isnull": True})
        return records if self.with_archive else records.filter(**{f"{path}__archive__isnull": True})

    def named_youths(self, relation: str) -> Prefetch:
        """A list of youths of a record (an action's participants), without those who stay."""
        youths = Youth.objects.filter(team=self.team)
        if not self.with_archive:
            youths = youths.filter(archive__isnull=True)
        return Prefetch(relation, queryset=youths.only("pk", "external_id"))

    @cached_property
    def youths_left_out(self) -> int:
        """Youths of the restricted archive this export leaves behind."""
        if self.with_archive:
            return 0
        return Youth.objects.active().filter(team=self.team, archive__isnull=False).count()
