"""Importing a spreadsheet: every row checked first, then everything written or nothing.

``import_sheet`` reads and checks every row (a dry run stops there) and writes
only when no row is refused, in one transaction, with bulk inserts and updates
in batches. Re-importing a file finds the records it made and creates no
duplicate: youths by their identifier, or else by first name (or nickname, or
code), birth year and commune; situations by youth and day; interventions by
youth, day, domains and note.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from carnet.access import audit
from carnet.access.models import AuditAction, User
from carnet.activity.models import Intervention, InterventionKind
from carnet.organisations.models import Team
from carnet.youths.models import SituationChange, Youth

from .mapping import (
    KIND_LABELS,
    ColumnMapping,
    ImportKind,
    UnknownValues,
    ValueMatcher,
    ValueType,
    header_score,
    propose_columns,
)
from .reading import (
    RowError,
    Sheet,
    ValueProblem,
    display,
    is_blank,
    normalise,
    parse_date,
    parse_int,
    read_sheet,
)

BATCH_SIZE = 1000
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    kind: ImportKind
    filename: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_values: list[tuple[str, str, int]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False

    @property
    def refused_rows(self) -> int:
        return len({error.row for error in self.errors})

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        """The report, in French, as printed by the command and shown by the page."""
        what = KIND_LABELS[self.kind]
        mode = "Essai à blanc (rien n'est enregistré)" if self.dry_run else "Import"
        lines = [f"{mode} — {what} — {self.filename} : {self.rows} ligne(s) lue(s)."]
        if self.ignored_columns:
            lines.append("Colonnes ignorées : " + ", ".join(f"« {name} »" for name in self.ignored_columns))
        verb = "seraient" if self.dry_run or not self.written else "ont été"
        lines.append(
            f"{self.created} fiche(s) {verb} créée(s), {self.updated} {verb} mise(s) à jour, "
            f"{self.unchanged} déjà à jour."
        )
        if self.errors:
            lines.append(f"{self.refused_rows} ligne(s) refusée(s) :")
            lines.extend(f"  {error}" for error in self.errors)
        if self.unknown_values:
            lines.append("Valeurs inconnues (à corriger ou à indiquer dans le fichier de correspondance) :")
            lines.extend(
                f"  colonne « {column} » : « {value} » ({count} ligne(s))"
                for column, value, count in self.unknown_values
            )
        if self.errors and not self.dry_run:
            lines.append(
                "Aucune donnée n'a été enregistrée : corrigez les lignes refusées puis relancez l'import."
            )
        return lines


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]
    raw: dict[str, str]  # field → value as typed, for messages


def import_file(
    *,
    team: Team,
    kind: ImportKind,
    content: bytes,
    filename: str,
    dry_run: bool,
    user: User | None = None,
    column_overrides: dict[str, str | None] | None = None,
    value_overrides: dict[ValueType, dict] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Read ``content`` (CSV or XLSX) and import it; raises UnreadableFile or MappingProblem."""
    sheet = read_sheet(content, filename, header_score=header_score(kind))
    mapping = propose_columns(kind, sheet.headers, column_overrides)
    return import_sheet(
        team=team,
        kind=kind,
        sheet=sheet,
        mapping=mapping,
        filename=filename,
        dry_run=dry_run,
        user=user,
        matcher=ValueMatcher(team=team, overrides=value_overrides),
        progress=progress,
    )


def import_sheet(
    *,
    team: Team,
    kind: ImportKind,
    sheet: Sheet,
    mapping: ColumnMapping,
    filename: str,
    dry_run: bool,
    matcher: ValueMatcher,
    user: User | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    report = ImportReport(
        kind=kind, filename=filename, rows=len(sheet.rows), dry_run=dry_run, ignored_columns=mapping.ignored
    )
    unknown = UnknownValues()
    progress = progress or (lambda done, total: None)
    total = len(sheet.rows) * (1 if dry_run else 2)
    parsed = []
    for index, row in enumerate(sheet.rows, start=1):
        result = _parse_row(row.number, row.values, mapping, matcher, unknown, report.errors)
        if result is not None:
            parsed.append(result)
        if index % BATCH_SIZE == 0:
            progress(index, total)
    planner = PLANNERS[kind](team=team, errors=report.errors)
    plan = planner.plan(parsed)
    report.errors.sort(key=lambda error: (error.row, error.column))
    report.unknown_values = unknown.listing()
    report.created, report.updated, report.unchanged = len(plan.create), len(plan.update), plan.unchanged
    if dry_run or report.errors:
        progress(total, total)
        return report
    with transaction.atomic(), audit.changes_not_logged():
        planner.write(plan, lambda done: progress(len(sheet.rows) + done, total))
        audit.record(
            action=AuditAction.CREATE,
            user=user,
            target_label=f"Import {KIND_LABELS[kind]} : {filename}"[:200],
            changes={
                "équipe": team.name,
                "lignes": report.rows,
                "créées": report.created,
                "mises à jour": report.updated,
                "inchangées": report.unchanged,
            },
        )
    progress(total, total)
    report.written = True
    return report


def _parse_row(number, values, mapping, matcher, unknown, errors) -> ParsedRow | None:
    parsed: dict[str, Any] = {}
    raw: dict[str, str] = {}
    row_errors = []

    def refuse(column, value, reason):
        row_errors.append(RowError(number, column.header if column else "", value, reason))

    for position, column in mapping.by_position.items():
        header = mapping.header_of(position)
        value = values[position]
        if is_blank(value):
            if column.required:
                row_errors.append(RowError(number, header, "", "valeur obligatoire manquante"))
            continue
        text = display(value)
        raw[column.field] = text
        try:
            parsed[column.field] = _convert(column, value, text, parsed, matcher)
        except ValueProblem as problem:
            row_errors.append(RowError(number, header, text, str(problem)))
            if "inconnu" in str(problem):
                unknown.add(header, text)
    errors.extend(row_errors)
    return None if row_errors else ParsedRow(number, parsed, raw)


def _convert(column, value, text: str, parsed: dict, matcher: ValueMatcher) -> Any:
    kind = column.value_type
    if kind == ValueType.TEXT:
        text = " ".join(text.split())
        if column.max_length and len(text) > column.max_length:
            raise ValueProblem(f"texte trop long ({len(text)} caractères, {column.max_length} au plus)")
        return text
    if kind == ValueType.DATE:
        day = parse_date(value)
        if day > timezone.localdate():
            raise ValueProblem("date dans le futur")
        if day.year < 1900:
            raise ValueProblem("date trop ancienne")
        return day
    if kind == ValueType.YEAR:
        if isinstance(value, datetime.date):
            return value.year
        year = parse_int(value)
        if not 1900 <= year <= timezone.localdate().year:
            raise ValueProblem("année de naissance non plausible")
        return year
    if kind == ValueType.QUARTIER:
        quartier = matcher.quartier(text, parsed.get("commune"))
        if quartier is None:
            raise ValueProblem("quartier inconnu de l'équipe (ou d'une autre commune)")
        return quartier
    if kind == ValueType.DOMAINS:
        domains = []
        for part in text.replace(";", ",").split(","):
            if not part.strip():
                continue
            domain = matcher.match(kind, part)
            if domain is None:
                raise ValueProblem(f"domaine inconnu : « {part.strip()} »")
            domains.append(domain)
        if not domains:
            raise ValueProblem("au moins un domaine est attendu")
        return domains
    matched = matcher.match(kind, text)
    if matched is None:
        raise ValueProblem(_UNKNOWN[kind])
    return matched


_UNKNOWN = {
    ValueType.SEX: "sexe inconnu (attendu H, F ou NB)",
    ValueType.COMMUNE: "commune inconnue de l'équipe",
    ValueType.ORIGIN: "origine de la rencontre inconnue",
    ValueType.SITUATION: "situation inconnue",
    ValueType.INTERVENTION_KIND: "type d'intervention inconnu",
}


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
