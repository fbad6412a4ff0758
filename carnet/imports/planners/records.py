"""What every activity planner shares: records named by identifier and corrected, or found
again by their values, and the checks of places, durations and youths."""

import datetime
from collections.abc import Callable
from typing import Any, ClassVar

from django.db import models
from django.db.models import F

from carnet.access import audit
from carnet.editing.versions import Versioned

from ..reading import normalise
from ..rows import ParsedRow
from .base import BATCH_SIZE, Occurrences, Plan, Planner, audit_value, comparable, identifiers


class ActivityPlanner(Planner):
    model: ClassVar[type[models.Model]]
    fields: ClassVar[tuple[str, ...]]  # the record's own values, as the file gives them
    many: ClassVar[tuple[str, ...]] = ()  # many-to-many fields, as lists of records or youth ids

    def check(self, row: ParsedRow, values: dict[str, Any], youths: dict[str, int]) -> bool:
        """Complete ``values`` (defaults, youths) or refuse the row: False. Every problem of
        the row is reported, even on a row whose values were refused already."""
        return True

    def new_record(self, values: dict[str, Any]) -> models.Model:
        return self.model(team=self.team, external_id=values.get("record_id", ""), **self._own_values(values))

    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        youths = self.youths_by_external_id()
        occurrences = Occurrences(self._recorded_keys())
        by_identifier = identifiers(self.model.objects.filter(team=self.team))
        seen: dict[str, int] = {}
        corrected: dict[int, tuple[ParsedRow, dict]] = {}
        for row in rows:
            values = dict(row.values)
            if not self.check(row, values, youths) or not row.ok:
                continue
            identifier = normalise(values.get("record_id", ""))
            if identifier:
                if identifier in seen:
                    self.refuse(
                        row,
                        "Identifiant de la fiche",
                        "record_id",
                        f"même identifiant que la ligne {seen[identifier]}",
                    )
                    continue
                seen[identifier] = row.number
                if identifier in by_identifier:
                    corrected[by_identifier[identifier]] = (row, values)
                    continue
            record = self.new_record(values)
            related = {name: values.get(name, []) for name in self.many}
            found = occurrences.take(self._key(record, related), without_identifier=bool(identifier))
            if found is None:
                plan.create.append((record, related))
            elif identifier:
                # The record of the same values, recorded without identifier, takes the row's.
                corrected[found] = (row, {"record_id": values["record_id"]})
            else:
                plan.unchanged += 1
        if corrected:
            self._plan_corrections(plan, corrected)
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
        """(key, record id, whether it has an identifier) of each recorded record."""
        attnames = [self.model._meta.get_field(name).attname for name in self.fields]
        self.related: dict[str, dict[int, set]] = {}
        for name in self.many:
            through, source, target = self._through(name)
            pairs = through.objects.filter(**{f"{source}__team": self.team}).values_list(
                f"{source}_id", f"{target}_id"
            )
            self.related[name] = {}
            for pk, other in pairs:
                self.related[name].setdefault(pk, set()).add(other)
        records = self.model.objects.filter(team=self.team).values_list("pk", "external_id", *attnames)
        for pk, external_id, *own in records:
            key = tuple(comparable(value) for value in own) + tuple(
                frozenset(self.related[name].get(pk, ())) for name in self.many
            )
            yield key, pk, bool(external_id)

    def _plan_corrections(self, plan: Plan, corrected: dict[int, tuple[ParsedRow, dict]]) -> None:
        """Records named by identifier: empty values filled, others changed where accepted."""
        changed_fields: set[str] = set(plan.extra.get("fields", ()))
        changed_many = plan.extra.setdefault("many", [])
        for record in self.model.objects.filter(pk__in=list(corrected)):
            row, values = corrected[record.pk]
            values = {**values, "external_id": values["record_id"]}
            label = f"{self.model._meta.verbose_name} {values['external_id']}"
            before, after = {}, {}
            for name in ("external_id", *self.fields):
                if name not in values:
                    continue
                field = self.model._meta.get_field(name)
                current, new = getattr(record, field.attname), comparable_exact(values[name])
                if current == new:
                    continue
                if current not in (None, "") and not self.change(
                    plan, row, label, name, str(field.verbose_name), _show(field, current), _show(field, new)
                ):
                    continue
                before[name], after[name] = audit_value(current), audit_value(new)
                setattr(record, field.attname, new)
                changed_fields.add(name)
            many = {}
            for name in self.many:
                if name not in values:
                    continue
                current = self.related[name].get(record.pk, set())
                new = {comparable(item) for item in values.get(name, [])}
                if current == new:
                    continue
                field = self.model._meta.get_field(name)
                if current and not self.change(
                    plan,
                    row,
                    label,
                    name,
                    str(field.verbose_name),
                    _show_many(field, current),
                    _show_many(field, new),
                ):
                    continue
                before[name], after[name] = sorted(current), sorted(new)
                many[name] = new
            if before:
                plan.update.append(record)
                plan.audit.append((record, audit.diff(before, after)))
                changed_many.append((record.pk, many))
            else:
                plan.unchanged += 1
        plan.extra["fields"] = sorted(changed_fields)

    def _through(self, name: str) -> tuple[type[models.Model], str, str]:
        field = self.model._meta.get_field(name)
        through = field.remote_field.through
        return through, field.m2m_field_name(), field.m2m_reverse_field_name()

    def write(self, plan: Plan, progress: Callable[[int], None]) -> None:
        done = 0
        for start in range(0, len(plan.create), BATCH_SIZE):
            batch = plan.create[start : start + BATCH_SIZE]
            self.model.objects.bulk_create([record for record, _ in batch])
            self._link([(record.pk, related) for record, related in batch])
            done += len(batch)
            progress(done)
        if plan.update:
            fields = [self.model._meta.get_field(name).name for name in plan.extra["fields"]]
            if fields and issubclass(self.model, Versioned):
                # An edit form opened before the import is refused rather than writing back.
                for record in plan.update:
                    record.version = F("version") + 1
                fields.append("version")
            if fields:
                self.model.objects.bulk_update(plan.update, fields, batch_size=BATCH_SIZE)
            for name in self.many:
                through, source, _target = self._through(name)
                replaced = [pk for pk, many in plan.extra["many"] if name in many]
                through.objects.filter(**{f"{source}_id__in": replaced}).delete()
            self._link(plan.extra["many"])
            progress(done + len(plan.update))

    def _link(self, records: list[tuple[int, dict[str, list]]]) -> None:
        """The many-to-many rows of records: (record id, {field: items}), items deduplicated."""
        for name in self.many:
            through, source, target = self._through(name)
            through.objects.bulk_create(
                [
                    through(**{f"{source}_id": pk, f"{target}_id": item})
                    for pk, related in records
                    if name in related
                    for item in {comparable(item) for item in related[name]}
                ]
            )

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
        if name in values:
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
        if commune is None and "commune" not in row.failed:
            values["commune"] = quartier.commune
            self.interpretations.add(
                row.header("quartier", "Quartier"),
                row.raw["quartier"],
                f"commune {quartier.commune.name} (celle du quartier)",
            )
        return True

    def duration(self, row: ParsedRow, values: dict) -> bool:
        minutes, hours = values.pop("duration_minutes", None), values.pop("duration_hours", None)
        if {"duration_minutes", "duration_hours"} & row.failed:
            return False
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


def comparable_exact(value: Any) -> Any:
    """A value as its record holds it: a related record by its id, a text as typed."""
    return getattr(value, "pk", value)


def _show(field, value: Any) -> str:
    if value in (None, ""):
        return "(vide)"
    if field.is_relation:
        if field.related_model._meta.label_lower == "youths.youth":
            return f"jeune n° {value}"
        return str(field.related_model.objects.get(pk=value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(value)


def _show_many(field, ids: set) -> str:
    model = field.related_model
    if not ids:
        return "(aucun)"
    if model._meta.label_lower == "youths.youth":
        return ", ".join(f"n° {pk}" for pk in sorted(ids))
    return ", ".join(sorted(str(item) for item in model.objects.filter(pk__in=ids)))
