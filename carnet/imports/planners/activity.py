"""Planning and writing the team's activity: interventions, collective actions, presence, meetings.

These records have no identifier of their own: a row is already recorded when a
record of the team holds the same values (``Occurrences`` counts repeats), and
is otherwise created. Rows never update a record.
"""

from collections.abc import Callable
from typing import Any, ClassVar

from django.db import models

from carnet.activity.models import (
    ActionRole,
    CollectiveAction,
    DiagnosticNeed,
    Intervention,
    InterventionKind,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)

from ..reading import normalise
from ..rows import ParsedRow
from .base import BATCH_SIZE, Occurrences, Plan, Planner, comparable

NEEDS_SEPARATOR = ";"


class ActivityPlanner(Planner):
    model: ClassVar[type[models.Model]]
    fields: ClassVar[tuple[str, ...]]  # the record's own values, as the file gives them
    many: ClassVar[tuple[str, ...]] = ()  # many-to-many fields, as lists of records or youth ids

    def check(self, row: ParsedRow, values: dict[str, Any], youths: dict[str, int]) -> bool:
        """Complete ``values`` (defaults, youths) or refuse the row: False."""
        return True

    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        youths = self.youths_by_external_id()
        occurrences = Occurrences(self._recorded_keys())
        for row in rows:
            values = dict(row.values)
            if not self.check(row, values, youths):
                continue
            record = self.model(team=self.team, **self._own_values(values))
            related = {name: values.get(name, []) for name in self.many}
            if occurrences.take(self._key(record, related)):
                plan.unchanged += 1
            else:
                plan.create.append((record, related))
        return plan

    def _own_values(self, values: dict[str, Any]) -> dict[str, Any]:
        own = {}
        for name in self.fields:
            if name in values:
                field = self.model._meta.get_field(name)
                # A youth comes as its id: it is given to the record as such.
                own[field.attname if isinstance(values[name], int) and field.is_relation else name] = values[
                    name
                ]
        return own

    def _key(self, record, related: dict[str, list]) -> tuple:
        own = tuple(
            comparable(getattr(record, self.model._meta.get_field(name).attname)) for name in self.fields
        )
        return own + tuple(frozenset(comparable(item) for item in related[name]) for name in self.many)

    def _recorded_keys(self):
        attnames = [self.model._meta.get_field(name).attname for name in self.fields]
        related: dict[str, dict[int, set]] = {}
        for name in self.many:
            through, source, target = self._through(name)
            pairs = through.objects.filter(**{f"{source}__team": self.team}).values_list(
                f"{source}_id", f"{target}_id"
            )
            related[name] = {}
            for pk, other in pairs:
                related[name].setdefault(pk, set()).add(other)
        for pk, *own in self.model.objects.filter(team=self.team).values_list("pk", *attnames):
            yield tuple(comparable(value) for value in own) + tuple(
                frozenset(related[name].get(pk, ())) for name in self.many
            )

    def _through(self, name: str) -> tuple[type[models.Model], str, str]:
        field = self.model._meta.get_field(name)
        through = field.remote_field.through
        return through, field.m2m_field_name(), field.m2m_reverse_field_name()

    def write(self, plan: Plan, progress: Callable[[int], None]) -> None:
        done = 0
        for start in range(0, len(plan.create), BATCH_SIZE):
            batch = plan.create[start : start + BATCH_SIZE]
            self.model.objects.bulk_create([record for record, _ in batch])
            for name in self.many:
                through, source, target = self._through(name)
                through.objects.bulk_create(
                    [
                        through(**{f"{source}_id": record.pk, f"{target}_id": comparable(item)})
                        for record, related in batch
                        for item in {comparable(item): item for item in related[name]}.values()
                    ]
                )
            done += len(batch)
            progress(done)

    # --- Shared checks ------------------------------------------------------------------

    def youth_ids(self, row: ParsedRow, values: dict, name: str, header: str, youths: dict[str, int]) -> bool:
        """Replace the identifiers of ``name`` by youth ids; refuse the row for an unknown one."""
        found = []
        for identifier in values.get(name, []):
            youth_id = youths.get(normalise(identifier))
            if youth_id is None:
                self.refuse(row, header, name, f"aucun jeune de l'équipe n'a l'identifiant « {identifier} »")
                return False
            found.append(youth_id)
        values[name] = found
        return True

    def place(self, row: ParsedRow, values: dict) -> bool:
        """The quartier must be one of the commune's; it gives the commune when none is given."""
        quartier = values.get("quartier")
        if quartier is None:
            return True
        commune = values.get("commune")
        if commune is not None and quartier.commune_id != commune.pk:
            self.refuse(row, "Quartier", "quartier", "ce quartier n'appartient pas à la commune indiquée")
            return False
        values.setdefault("commune", quartier.commune)
        return True

    def duration(self, row: ParsedRow, values: dict) -> bool:
        minutes, hours = values.pop("duration_minutes", None), values.pop("duration_hours", None)
        if minutes is not None and hours is not None and minutes != hours:
            self.refuse(row, "Durée (heures)", "duration_hours", "ne correspond pas à la durée en minutes")
            return False
        if minutes is None and hours is None:
            self.refuse(
                row, "Durée (minutes)", "duration_minutes", "durée manquante (en minutes ou en heures)"
            )
            return False
        values["duration_minutes"] = minutes if minutes is not None else hours
        return True


class InterventionPlanner(ActivityPlanner):
    model = Intervention
    fields = ("youth", "date", "kind", "note")
    many = ("domains", "partners")

    def check(self, row, values, youths):
        youth_id = self.youth_of(row, youths)
        if youth_id is None:
            return False
        values["youth"] = youth_id
        values.setdefault("kind", InterventionKind.INTERVIEW)
        return True


class ActionPlanner(ActivityPlanner):
    model = CollectiveAction
    fields = (
        "action_type",
        "title",
        "start_date",
        "end_date",
        "commune",
        "quartier",
        "role",
        "commune_event",
        "after_needs_study",
        "anonymous_male",
        "anonymous_female",
        "anonymous_non_binary",
        "description",
    )
    many = ("participants", "partners")

    def check(self, row, values, youths):
        values.setdefault("end_date", values["start_date"])
        if values["end_date"] < values["start_date"]:
            self.refuse(row, "Date de fin", "end_date", "la date de fin précède la date de début")
            return False
        # An event the commune initiated is one the team joins, never one it leads.
        default_role = ActionRole.ASSOCIATED if values.get("commune_event") else ActionRole.INITIATED
        values.setdefault("role", default_role)
        if values.get("commune_event") and values["role"] != ActionRole.ASSOCIATED:
            self.refuse(
                row,
                "Rôle de l'équipe",
                "role",
                "un événement initié par la commune est une action où l'équipe est associée",
            )
            return False
        return self.place(row, values) and self.youth_ids(
            row, values, "participants", "Jeunes connus", youths
        )


class PresencePlanner(ActivityPlanner):
    model = PresenceSession
    fields = ("date", "kind", "duration_minutes", "commune", "quartier", "place", "youths_met")
    many = ("known_youths",)

    def check(self, row, values, youths):
        return (
            self.duration(row, values)
            and self.place(row, values)
            and self.youth_ids(row, values, "known_youths", "Jeunes connus", youths)
        )


class MeetingPlanner(ActivityPlanner):
    model = PartnershipMeeting
    fields = ("date", "kind", "subject", "duration_minutes", "commune")
    many = ("partners",)

    def check(self, row, values, youths):
        return self.duration(row, values)


class DiagnosticPlanner(ActivityPlanner):
    """A quartier's diagnostic; its needs, one cell separated by ";", are created with it.
    A row is already recorded when a diagnostic holds the same date, quartier, texts and partners."""

    model = TerritorialDiagnostic
    fields = ("date", "quartier", "summary", "resources")
    many = ("partners",)

    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        occurrences = Occurrences(self._recorded_keys())
        for row in rows:
            values = dict(row.values)
            needs = [need.strip()[:200] for need in (values.pop("needs", "") or "").split(NEEDS_SEPARATOR)]
            if not self.place(row, values):
                continue
            record = self.model(team=self.team, **self._own_values(values))
            related = {"partners": values.get("partners", [])}
            if occurrences.take(self._key(record, related)):
                plan.unchanged += 1
            else:
                record.imported_needs = list(dict.fromkeys(need for need in needs if need))
                plan.create.append((record, related))
        return plan

    def write(self, plan: Plan, progress: Callable[[int], None]) -> None:
        super().write(plan, progress)
        DiagnosticNeed.objects.bulk_create(
            DiagnosticNeed(diagnostic=record, label=label, position=position)
            for record, _related in plan.create
            for position, label in enumerate(record.imported_needs)
        )
