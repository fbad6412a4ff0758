"""Planning and writing, per kind: what a checked sheet creates and updates, then the bulk writes."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from carnet.activity.models import Intervention, InterventionKind
from carnet.organisations.models import Team
from carnet.youths.models import SituationChange, Youth

from .mapping import ImportKind
from .reading import RowError, normalise
from .rows import ParsedRow

BATCH_SIZE = 1000


# --- Planning and writing, per kind -----------------------------------------------------


@dataclass
class Plan:
    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    unchanged: int = 0
    extra: dict = field(default_factory=dict)


class _Planner:
    def __init__(self, *, team: Team, errors: list[RowError]):
        self.team = team
        self.errors = errors

    def refuse(self, row: ParsedRow, column: str, field_name: str, reason: str) -> None:
        self.errors.append(RowError(row.number, column, row.raw.get(field_name, ""), reason))

    def youths_by_external_id(self) -> dict[str, int]:
        pairs = Youth.objects.active().filter(team=self.team).exclude(external_id="")
        return {normalise(eid): pk for pk, eid in pairs.values_list("pk", "external_id")}


YOUTH_FIELDS = (
    "external_id",
    "first_name",
    "nickname",
    "code",
    "last_name",
    "sex",
    "birth_date",
    "birth_year",
    "commune",
    "quartier",
    "origin",
    "first_contact_date",
)


def youth_key(*, external_id: str, name: str, birth_year: int | None, commune_id: int | None) -> tuple:
    """What makes two rows one youth: the identifier, else name, birth year and commune."""
    if external_id:
        return ("id", normalise(external_id))
    return ("name", normalise(name), birth_year, commune_id)


class YouthPlanner(_Planner):
    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        existing = {}
        for youth in Youth.objects.active().filter(team=self.team).only(*YOUTH_FIELDS, "team"):
            name = youth.first_name or youth.nickname or youth.code
            existing[
                youth_key(external_id="", name=name, birth_year=youth.birth_year, commune_id=youth.commune_id)
            ] = youth
            if youth.external_id:
                existing[
                    youth_key(external_id=youth.external_id, name="", birth_year=None, commune_id=None)
                ] = youth
        seen: dict[tuple, int] = {}
        changed_fields: set[str] = set()
        for row in rows:
            values = row.values
            if not any(values.get(name) for name in ("first_name", "nickname", "code")):
                self.refuse(row, "Prénom", "first_name", "indiquez un prénom, un surnom ou un code")
                continue
            birth_date = values.get("birth_date")
            if birth_date:
                if values.get("birth_year") and values["birth_year"] != birth_date.year:
                    self.refuse(
                        row,
                        "Année de naissance",
                        "birth_year",
                        "l'année de naissance ne correspond pas à la date de naissance",
                    )
                    continue
                values["birth_year"] = birth_date.year
            quartier = values.get("quartier")
            if quartier is not None:
                commune = values.get("commune")
                if commune is not None and quartier.commune_id != commune.pk:
                    self.refuse(
                        row, "Quartier", "quartier", "ce quartier n'appartient pas à la commune indiquée"
                    )
                    continue
                values.setdefault("commune", quartier.commune)
            name = values.get("first_name") or values.get("nickname") or values.get("code")
            commune = values.get("commune")
            key = youth_key(
                external_id=values.get("external_id", ""),
                name=name,
                birth_year=values.get("birth_year"),
                commune_id=commune.pk if commune else None,
            )
            if key in seen:
                self.refuse(row, "", "", f"même jeune que la ligne {seen[key]} (ligne en double)")
                continue
            seen[key] = row.number
            youth = existing.get(key)
            if youth is None:
                plan.create.append(Youth(team=self.team, **values))
                continue
            changes = [name for name, value in values.items() if _current(youth, name) != _comparable(value)]
            if changes:
                for name in changes:
                    setattr(youth, name, values[name])
                changed_fields.update(changes)
                plan.update.append(youth)
            else:
                plan.unchanged += 1
        plan.extra["fields"] = sorted(changed_fields)
        return plan

    def write(self, plan: Plan, progress: Callable[[int], None]) -> None:
        done = 0
        for start in range(0, len(plan.create), BATCH_SIZE):
            batch = plan.create[start : start + BATCH_SIZE]
            Youth.objects.bulk_create(batch)
            done += len(batch)
            progress(done)
        now = timezone.now()
        for youth in plan.update:
            youth.updated_at = now
        for start in range(0, len(plan.update), BATCH_SIZE):
            batch = plan.update[start : start + BATCH_SIZE]
            Youth.objects.bulk_update(batch, [*plan.extra["fields"], "updated_at"])
            done += len(batch)
            progress(done)


def _current(youth: Youth, name: str) -> Any:
    # Foreign keys compare by id: reading ``youth.commune`` would cost a query per youth.
    if name in {"commune", "quartier", "origin"}:
        return getattr(youth, f"{name}_id")
    return getattr(youth, name)


def _comparable(value: Any) -> Any:
    return getattr(value, "pk", value)


class SituationPlanner(_Planner):
    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        youths = self.youths_by_external_id()
        existing = {
            (change.youth_id, change.since): change
            for change in SituationChange.objects.filter(youth__team=self.team).only(
                "youth", "since", "situation"
            )
        }
        seen: dict[tuple, int] = {}
        for row in rows:
            youth_id = youths.get(normalise(row.values["external_id"]))
            if youth_id is None:
                self.refuse(
                    row, "Identifiant du jeune", "external_id", "aucun jeune de l'équipe n'a cet identifiant"
                )
                continue
            key = (youth_id, row.values["since"])
            if key in seen:
                self.refuse(
                    row,
                    "Depuis le",
                    "since",
                    f"déjà une situation ce jour-là pour ce jeune (ligne {seen[key]})",
                )
                continue
            seen[key] = row.number
            situation = row.values["situation"]
            change = existing.get(key)
            if change is None:
                plan.create.append(SituationChange(youth_id=youth_id, since=key[1], situation=situation))
            elif change.situation_id != situation.pk:
                change.situation = situation
                plan.update.append(change)
            else:
                plan.unchanged += 1
        return plan

    def write(self, plan: Plan, progress: Callable[[int], None]) -> None:
        SituationChange.objects.bulk_create(plan.create, batch_size=BATCH_SIZE)
        progress(len(plan.create))
        SituationChange.objects.bulk_update(plan.update, ["situation"], batch_size=BATCH_SIZE)
        progress(len(plan.create) + len(plan.update))


def intervention_key(youth_id: int, day: datetime.date, domain_ids, note: str) -> tuple:
    return (youth_id, day, frozenset(domain_ids), normalise(note))


class InterventionPlanner(_Planner):
    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        youths = self.youths_by_external_id()
        domains: dict[int, set[int]] = {}
        Through = Intervention.domains.through
        for intervention_id, domain_id in Through.objects.filter(intervention__team=self.team).values_list(
            "intervention_id", "domain_id"
        ):
            domains.setdefault(intervention_id, set()).add(domain_id)
        existing = {
            intervention_key(youth_id, day, domains.get(pk, ()), note)
            for pk, youth_id, day, note in Intervention.objects.filter(team=self.team).values_list(
                "pk", "youth_id", "date", "note"
            )
        }
        seen: dict[tuple, int] = {}
        for row in rows:
            youth_id = youths.get(normalise(row.values["external_id"]))
            if youth_id is None:
                self.refuse(
                    row, "Identifiant du jeune", "external_id", "aucun jeune de l'équipe n'a cet identifiant"
                )
                continue
            chosen = row.values["domains"]
            note = row.values.get("note", "")
            key = intervention_key(youth_id, row.values["date"], {domain.pk for domain in chosen}, note)
            if key in existing:
                plan.unchanged += 1
                continue
            if key in seen:
                self.refuse(row, "", "", f"même intervention que la ligne {seen[key]} (ligne en double)")
                continue
            seen[key] = row.number
            intervention = Intervention(
                team=self.team,
                youth_id=youth_id,
                date=row.values["date"],
                kind=row.values.get("kind", InterventionKind.INTERVIEW),
                note=note,
            )
            plan.create.append((intervention, chosen))
        return plan

    def write(self, plan: Plan, progress: Callable[[int], None]) -> None:
        Through = Intervention.domains.through
        done = 0
        for start in range(0, len(plan.create), BATCH_SIZE):
            batch = plan.create[start : start + BATCH_SIZE]
            Intervention.objects.bulk_create([intervention for intervention, _ in batch])
            Through.objects.bulk_create(
                [
                    Through(intervention_id=intervention.pk, domain_id=domain.pk)
                    for intervention, chosen in batch
                    for domain in {domain.pk: domain for domain in chosen}.values()
                ]
            )
            done += len(batch)
            progress(done)


PLANNERS: dict[ImportKind, type] = {
    ImportKind.YOUTHS: YouthPlanner,
    ImportKind.SITUATIONS: SituationPlanner,
    ImportKind.INTERVENTIONS: InterventionPlanner,
}
