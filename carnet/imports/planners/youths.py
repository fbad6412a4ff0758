"""Planning and writing youths, their situation changes and their accompaniment periods."""

import itertools
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from carnet.youths.models import AccompanimentPeriod, SituationChange, Youth
from carnet.youths.services import EDITABLE_FIELDS

from ..reading import normalise
from ..rows import ParsedRow
from .base import BATCH_SIZE, Plan, Planner

YOUTH_FIELDS = ("external_id", *EDITABLE_FIELDS)


def youth_key(*, external_id: str, name: str, birth_year: int | None, commune_id: int | None) -> tuple:
    """What makes two rows one youth: the identifier, else name, birth year and commune."""
    if external_id:
        return ("id", normalise(external_id))
    return ("name", normalise(name), birth_year, commune_id)


class YouthPlanner(Planner):
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


class SituationPlanner(Planner):
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
            youth_id = self.youth_of(row, youths)
            if youth_id is None:
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


class AccompanimentPlanner(Planner):
    """Periods by youth and start day: a known one gets the file's modality and end.

    A youth is accompanied one way at a time: a period overlapping another one of
    the file, or a recorded one the file does not change, is refused.
    """

    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        youths = self.youths_by_external_id()
        existing = {
            (period.youth_id, period.start): period
            for period in AccompanimentPeriod.objects.filter(youth__team=self.team).only(
                "youth", "modality", "start", "end"
            )
        }
        kept: dict[tuple, tuple[Any, int | None]] = {key: (period, None) for key, period in existing.items()}
        accepted = []
        for row in rows:
            youth_id = self.youth_of(row, youths)
            if youth_id is None:
                continue
            start, end = row.values["start"], row.values.get("end")
            if end is not None and end < start:
                self.refuse(row, "Fin", "end", "la fin précède le début")
                continue
            key = (youth_id, start)
            if key in kept and kept[key][1] is not None:
                self.refuse(
                    row, "Début", "start", f"même période que la ligne {kept[key][1]} (ligne en double)"
                )
                continue
            kept[key] = (
                AccompanimentPeriod(youth_id=youth_id, modality=row.values["modality"], start=start, end=end),
                row.number,
            )
            accepted.append((row, key))
        overlapping = _overlapping(kept)
        for row, key in accepted:
            if key in overlapping:
                other_period, other_row = kept[overlapping[key]]
                where = f"ligne {other_row}" if other_row else "période déjà enregistrée"
                self.refuse(
                    row, "Début", "start", f"chevauche la période du {other_period.start:%d/%m/%Y} ({where})"
                )
                continue
            period = kept[key][0]
            recorded = existing.get(key)
            if recorded is None:
                plan.create.append(period)
            elif (recorded.modality_id, recorded.end) != (period.modality.pk, period.end):
                recorded.modality, recorded.end = period.modality, period.end
                plan.update.append(recorded)
            else:
                plan.unchanged += 1
        return plan

    def write(self, plan: Plan, progress: Callable[[int], None]) -> None:
        # Shortened periods first: a period that now ends earlier makes room for a new one.
        AccompanimentPeriod.objects.bulk_update(plan.update, ["modality", "end"], batch_size=BATCH_SIZE)
        progress(len(plan.update))
        AccompanimentPeriod.objects.bulk_create(plan.create, batch_size=BATCH_SIZE)
        progress(len(plan.update) + len(plan.create))


def _overlapping(periods: dict[tuple, tuple[Any, int | None]]) -> dict[tuple, tuple]:
    """For each period (by key) that overlaps the one before it for its youth: that one's key."""
    by_youth: dict[int, list[tuple]] = {}
    for key in periods:
        by_youth.setdefault(key[0], []).append(key)
    found = {}
    for keys in by_youth.values():
        keys.sort(key=lambda key: key[1])
        for previous, key in itertools.pairwise(keys):
            previous_end = periods[previous][0].end
            if previous_end is None or previous_end >= key[1]:
                # The row of the file is the one refused: a recorded period cannot be.
                if periods[key][1] is None:
                    found[previous] = key
                else:
                    found[key] = previous
    return found
