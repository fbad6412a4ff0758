"""Planning and writing the youths' situation changes and accompaniment periods."""

import itertools
from collections.abc import Callable
from typing import Any

from carnet.youths.models import AccompanimentPeriod, SituationChange

from ..rows import ParsedRow
from .base import BATCH_SIZE, Plan, Planner, audit_value


class SituationPlanner(Planner):
    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        youths = self.youths_by_external_id()
        existing = {
            (change.youth_id, change.since): change
            for change in SituationChange.objects.filter(youth__team=self.team).select_related("situation")
        }
        seen: dict[tuple, int] = {}
        for row in rows:
            youth_id = self.youth_of(row, youths)
            if youth_id is None or not row.ok:
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
                before = change.situation
                record = f"situation du {key[1]:%d/%m/%Y} (jeune n° {youth_id})"
                if self.change(plan, row, record, "situation", "situation", before.label, situation.label):
                    change.situation = situation
                    plan.update.append(change)
                    plan.audit.append((change, {"situation": [before.pk, situation.pk]}))
                else:
                    plan.unchanged += 1
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
            for period in AccompanimentPeriod.objects.filter(youth__team=self.team).select_related("modality")
        }
        kept: dict[tuple, tuple[Any, int | None]] = {key: (period, None) for key, period in existing.items()}
        accepted = []
        for row in rows:
            youth_id = self.youth_of(row, youths)
            if youth_id is None or not row.ok:
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
            modality, end = self._accepted(plan, row, existing.get(key), row.values["modality"], end)
            kept[key] = (
                AccompanimentPeriod(youth_id=youth_id, modality=modality, start=start, end=end),
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
                plan.audit.append(
                    (
                        recorded,
                        {
                            name: [audit_value(old), audit_value(new)]
                            for name, old, new in (
                                ("modality", recorded.modality_id, period.modality.pk),
                                ("end", recorded.end, period.end),
                            )
                            if old != new
                        },
                    )
                )
                recorded.modality, recorded.end = period.modality, period.end
                plan.update.append(recorded)
            else:
                plan.unchanged += 1
        return plan

    def _accepted(self, plan: Plan, row: ParsedRow, recorded, modality, end) -> tuple:
        """The modality and end the period will have: the row's, where the recorded ones are
        empty or the user accepts the change."""
        if recorded is None:
            return modality, end
        record = f"accompagnement du {recorded.start:%d/%m/%Y} (jeune n° {recorded.youth_id})"
        if recorded.modality_id != modality.pk and not self.change(
            plan, row, record, "modality", "modalité", recorded.modality.label, modality.label
        ):
            modality = recorded.modality
        if recorded.end is not None and recorded.end != end:
            shown = f"{end:%d/%m/%Y}" if end else "(en cours)"
            if not self.change(plan, row, record, "end", "fin", f"{recorded.end:%d/%m/%Y}", shown):
                end = recorded.end
        return modality, end

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
