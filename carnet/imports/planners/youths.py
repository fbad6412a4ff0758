"""Planning and writing youths: found again by identifier or identity, changed only with consent."""

import datetime
from collections.abc import Callable
from typing import Any

from django.db.models import F
from django.utils import timezone

from carnet.access import audit
from carnet.organisations.models import Commune, Quartier
from carnet.referentials.models import Origin
from carnet.youths.models import Sex, Youth
from carnet.youths.services import EDITABLE_FIELDS

from ..reading import normalise
from ..review import NEW, SKIP, Candidate, PossibleDuplicate
from ..rows import ParsedRow
from .base import BATCH_SIZE, Plan, Planner, audit_value
from .identity import LABELS, NAME_FIELDS, Identity, RecordedYouths

YOUTH_FIELDS = ("external_id", *EDITABLE_FIELDS)
FIELD_LABELS = {
    **LABELS,
    "external_id": "identifiant",
    "quartier": "quartier",
    "origin": "origine de la rencontre",
    "first_contact_date": "date de première rencontre",
}
RELATIONS = ("commune", "quartier", "origin")
SHOWN_CANDIDATES = 5


class YouthPlanner(Planner):
    """Youths by identifier, else by identity (``identity``): a recorded youth's empty fields
    are filled, its other values changed only where the user accepts the change."""

    def plan(self, rows: list[ParsedRow]) -> Plan:
        plan = Plan()
        youths = list(Youth.objects.active().filter(team=self.team).only(*YOUTH_FIELDS, "team"))
        self.names = _Names(self.team)
        by_pk = {youth.pk: youth for youth in youths}
        by_identifier = {normalise(youth.external_id or f"carnet-{youth.pk}"): youth for youth in youths}
        recorded = RecordedYouths(youths)
        # A row with an identifier no youth has may be a youth recorded without one.
        unnumbered = RecordedYouths(youth for youth in youths if not youth.external_id)
        seen: dict[tuple, int] = {}
        claimed: dict[int, int] = {}
        changed_fields: set[str] = set()
        for row in rows:
            values = dict(row.values)
            if not self.validate(row, values) or not row.ok:
                continue
            external_id = normalise(values.get("external_id", ""))
            # A row with an identifier needs its identity only when no youth has that identifier.
            identity = None if external_id else Identity.of_values(values)
            key = ("id", external_id) if external_id else ("identity", identity)
            if key in seen:
                self.refuse(row, "", "", f"même jeune que la ligne {seen[key]} (ligne en double)")
                continue
            seen[key] = row.number
            youth = by_identifier.get(external_id) if external_id else None
            if youth is None:
                identity = identity or Identity.of_values(values)
                found = self.identify(
                    plan, row, values, identity, unnumbered if external_id else recorded, by_pk
                )
                if found is None:
                    continue
                youth = found or None
            if youth is None:
                plan.create.append(Youth(team=self.team, **values))
                continue
            if youth.pk in claimed:
                self.refuse(
                    row, "", "", f"désigne le même jeune (n° {youth.pk}) que la ligne {claimed[youth.pk]}"
                )
                continue
            claimed[youth.pk] = row.number
            changed = self.update(plan, row, youth, values)
            if changed:
                changed_fields.update(changed)
                plan.update.append(youth)
            else:
                plan.unchanged += 1
        plan.extra["fields"] = sorted(changed_fields)
        return plan

    def validate(self, row: ParsedRow, values: dict) -> bool:
        """The row's own coherence; every problem is reported, even on a row already refused."""
        ok = True
        if not any(values.get(name) for name in NAME_FIELDS) and not row.failed & set(NAME_FIELDS):
            self.refuse(row, "Prénom", "first_name", "indiquez un prénom, un surnom ou un code")
            ok = False
        year_of_date = values.pop("birth_year_of_date", None)
        if year_of_date is not None:
            if values.get("birth_year") not in (None, year_of_date):
                self.refuse(
                    row,
                    "Année de naissance",
                    "birth_year",
                    "l'année de naissance ne correspond pas à l'année indiquée comme date de naissance",
                )
                ok = False
            values["birth_year"] = year_of_date
        birth_date = values.get("birth_date")
        if birth_date:
            if values.get("birth_year") and values["birth_year"] != birth_date.year:
                self.refuse(
                    row,
                    "Année de naissance",
                    "birth_year",
                    "l'année de naissance ne correspond pas à la date de naissance",
                )
                ok = False
            values["birth_year"] = birth_date.year
        quartier = values.get("quartier")
        if quartier is not None:
            commune = values.get("commune")
            if commune is not None and quartier.commune_id != commune.pk:
                self.refuse(row, "Quartier", "quartier", "ce quartier n'appartient pas à la commune indiquée")
                ok = False
            elif commune is None and "commune" not in row.failed:
                values["commune"] = quartier.commune
                self.interpretations.add(
                    row.header("quartier", "Quartier"),
                    row.raw["quartier"],
                    f"commune {quartier.commune.name} (celle du quartier)",
                )
        return ok

    def identify(self, plan: Plan, row: ParsedRow, values: dict, identity: Identity, pool, by_pk):
        """The recorded youth the row is; False for a new youth; None when the row waits for
        the user's answer or is left out (a possible duplicate)."""
        same, maybe = pool.candidates(identity)
        if len(same) == 1:
            return by_pk[same[0]]
        if not same and not maybe:
            return False
        candidates = [*same, *maybe]
        answer = self.decisions.duplicate(row.number)
        if answer not in (NEW, SKIP, *map(str, candidates)):
            answer = ""
        first = pool.identities[candidates[0]]
        plan.duplicates.append(
            PossibleDuplicate(
                row=row.number,
                identity=self.names.identity(values),
                candidates=[
                    Candidate(pk, self.names.identity(_youth_values(by_pk[pk])))
                    for pk in candidates[:SHOWN_CANDIDATES]
                ],
                differences=[LABELS[name] for name in identity.differences(first)],
                decision=answer,
            )
        )
        if answer == NEW:
            return False
        if answer and answer != SKIP:
            return by_pk[int(answer)]
        if answer == SKIP:
            plan.skipped += 1
        return None

    def update(self, plan: Plan, row: ParsedRow, youth: Youth, values: dict) -> set[str]:
        """Fill the youth's empty fields, change the others where the user accepts it."""
        before: dict[str, Any] = {}
        label = f"{youth.display_name} (n° {youth.pk})"

        def apply(name: str, value: Any) -> None:
            before.setdefault(name, audit_value(_current(youth, name)))
            setattr(youth, name, value)

        for name in YOUTH_FIELDS:
            if name not in values or (name == "birth_year" and "birth_date" in values):
                continue  # a birth date carries its year
            value = values[name]
            current, new = _current(youth, name), _comparable(value)
            if current == new or (
                name == "external_id" and normalise(value) == normalise(f"carnet-{youth.pk}")
            ):
                continue
            empty = current in (None, "")
            if name == "birth_date" and empty and youth.birth_year not in (None, value.year):
                empty, current = False, youth.birth_year  # a date of another year changes the year
            if not empty and not self.change(
                plan,
                row,
                label,
                name,
                FIELD_LABELS[name],
                self.names.show(name, current),
                self.names.show(name, value),
            ):
                continue
            apply(name, value)
            if name == "birth_date" and youth.birth_year != value.year:
                apply("birth_year", value.year)
            if name == "birth_year" and youth.birth_date and youth.birth_date.year != value:
                apply("birth_date", None)  # the date of another year is no longer the youth's
        if youth.quartier_id and self.names.commune_of_quartier(youth.quartier_id) != youth.commune_id:
            # A quartier of another commune than the youth's: the change of one was not accepted.
            if "quartier" in before:
                youth.quartier_id = before.pop("quartier")
            else:
                apply("quartier", None)
        if before:
            after = {name: audit_value(_current(youth, name)) for name in before}
            plan.audit.append((youth, audit.diff(before, after)))
        return set(before)

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
            # A youth's file opened before the import is refused rather than writing back.
            youth.version = F("version") + 1
        for start in range(0, len(plan.update), BATCH_SIZE):
            batch = plan.update[start : start + BATCH_SIZE]
            Youth.objects.bulk_update(batch, [*plan.extra["fields"], "updated_at", "version"])
            done += len(batch)
            progress(done)


class _Names:
    """Names of the team's communes, quartiers and origins, to show values in the dry run."""

    def __init__(self, team):
        self.communes = dict(Commune.objects.filter(team=team).values_list("pk", "name"))
        self.quartiers = {
            pk: (name, commune_id)
            for pk, name, commune_id in Quartier.objects.filter(commune__team=team).values_list(
                "pk", "name", "commune_id"
            )
        }
        self.origins = dict(
            Origin.objects.filter(organisation=team.organisation_id).values_list("pk", "label")
        )

    def commune_of_quartier(self, pk: int) -> int | None:
        return self.quartiers.get(pk, ("", None))[1]

    def show(self, name: str, value: Any) -> str:
        value = _comparable(value)
        if value in (None, ""):
            return "(vide)"
        if name == "commune":
            return self.communes.get(value, str(value))
        if name == "quartier":
            return self.quartiers.get(value, (str(value),))[0]
        if name == "origin":
            return self.origins.get(value, str(value))
        if name == "sex":
            return str(Sex(value).label)
        if isinstance(value, datetime.date):
            return f"{value:%d/%m/%Y}"
        return str(value)

    def identity(self, values: dict) -> dict[str, str]:
        """A youth's identity fields as the dry run shows them side by side."""
        birth = values.get("birth_date") or values.get("birth_year")
        return {
            "Prénom": values.get("first_name") or "",
            "Surnom": values.get("nickname") or "",
            "Code": values.get("code") or "",
            "Nom": values.get("last_name") or "",
            "Naissance": self.show("birth_date", birth) if birth else "",
            "Sexe": self.show("sex", values["sex"]) if values.get("sex") else "",
            "Commune": self.show("commune", values["commune"]) if values.get("commune") else "",
        }


def _youth_values(youth: Youth) -> dict[str, Any]:
    return {name: _current(youth, name) for name in YOUTH_FIELDS}


def _current(youth: Youth, name: str) -> Any:
    # Foreign keys compare by id: reading ``youth.commune`` would cost a query per youth.
    if name in RELATIONS:
        return getattr(youth, f"{name}_id")
    return getattr(youth, name)


def _comparable(value: Any) -> Any:
    return getattr(value, "pk", value)
