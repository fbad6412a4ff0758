"""Importing a spreadsheet: every row checked first, then everything written or nothing.

``import_sheet`` reads and checks every row (a dry run stops there) and writes
only when no row is refused and every possible duplicate is resolved, in one
transaction, with bulk inserts and updates in batches. Re-importing a file finds
the records it made and creates no duplicate: youths by their identifier, or else
by their identity (``planners.identity``); situations by youth and day; activity
records by their identifier, or else by their values. A recorded value the file
would change is changed only where the user accepts it (``review.Decisions``);
each record an import changed gets its event in the audit log. Imports into one team
run one after the other, each planned again inside its transaction.
"""

from collections.abc import Callable

from django.db import transaction

from carnet.access import audit
from carnet.access.models import AuditAction, User
from carnet.facts.services import refresh_import_facts, years_of_import
from carnet.organisations.models import Team

from .columns import KIND_LABELS, ImportKind, ValueType, header_score
from .mapping import ColumnMapping, UnknownValues, ValueMatcher, propose_columns
from .planners import BATCH_SIZE, PLANNERS
from .reading import Sheet, read_sheet
from .report import ImportReport
from .review import Decisions
from .rows import _parse_row

Progress = Callable[[int, int], None]


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
    decisions: Decisions | None = None,
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
        decisions=decisions,
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
    decisions: Decisions | None = None,
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
        parsed.append(_parse_row(row.number, row.values, mapping, matcher, unknown, report.errors))
        if index % BATCH_SIZE == 0:
            progress(index, total)
    report.unknown_values = unknown.listing()
    if dry_run:
        _plan(kind, team, parsed, report, decisions, matcher.interpretations)
        report.interpretations = matcher.interpretations.listing()
        progress(total, total)
        return report
    with transaction.atomic(), audit.changes_not_logged():
        # One import at a time per team: the next waits for this one's commit (a row lock on
        # PostgreSQL; SQLite's IMMEDIATE transactions let one writer in at a time), then plans
        # inside its transaction: the records another import made since the dry run are found,
        # not created twice.
        Team.objects.select_for_update().get(pk=team.pk)
        planner, plan = _plan(kind, team, parsed, report, decisions, matcher.interpretations)
        report.interpretations = matcher.interpretations.listing()
        if not report.ok:
            transaction.set_rollback(True)
            progress(total, total)
            return report
        # The years the facts must be refreshed for, read before the records are written.
        created = [item[0] if isinstance(item, tuple) else item for item in plan.create]
        years = years_of_import(records=kind.value, created=created, updated=plan.update)
        planner.write(plan, lambda done: progress(len(sheet.rows) + done, total))
        refresh_import_facts(team=team, records=kind.value, years=years)
        audit.record_changes(changes=plan.audit, user=user)
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
                "ignorées": report.skipped,
                "modifications appliquées": sum(change.accepted for change in report.changes),
            },
        )
    progress(total, total)
    report.written = True
    return report


def _plan(kind: ImportKind, team: Team, parsed: list, report: ImportReport, decisions, interpretations):
    """The planner and its plan of the parsed rows, their figures and refusals put in the report."""
    planner = PLANNERS[kind](
        team=team, errors=report.errors, decisions=decisions, interpretations=interpretations
    )
    plan = planner.plan(parsed)
    report.errors.sort(key=lambda error: (error.row, error.column))
    report.changes, report.duplicates, report.skipped = plan.changes, plan.duplicates, plan.skipped
    report.created, report.updated, report.unchanged = len(plan.create), len(plan.update), plan.unchanged
    return planner, plan
