"""Everything a team holds, as a ZIP of CSV files or as one JSON document, both re-importable.

Each kind is written with the columns of its import (``columns.COLUMNS``), so
that an export imports back into another Carnet, file by file or all at once
(``package.import_package``). A youth without identifier is exported as
"carnet-<number>" so that the records of the other files can name it.

CSV files are what French spreadsheets open: UTF-8 with a BOM, ";" between
values, dates as 31/12/2023, several values in one cell separated by "; ". A text a
spreadsheet would run as a formula ("=HYPERLINK(…)", "@SUM(…)") is written behind an
apostrophe (OWASP's advice), which the import takes off.
The JSON document also describes the team (communes, quartiers, partners) and
the organisation's referentials, so that it can be imported into an empty Carnet.

Both carry, after the kinds of the import, what the team keeps alongside its activity
(``attached``: PAEI goals and reviews, action–need links, the agenda). Records are read
through the permission layer as the exporter may (``export_scope``: the restricted archive
only for who may open it), and each export writes its line to the audit log.
"""

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Iterable, Iterator

from django.utils import timezone

from carnet.access import audit
from carnet.access.models import AuditAction, User
from carnet.activity.models import PartnershipMeeting, TerritorialDiagnostic
from carnet.organisations.models import Team
from carnet.youths.models import AccompanimentPeriod, SituationChange

from . import attached
from .columns import COLUMNS, ImportKind
from .export_scope import ExportScope, record_identifier, youth_identifier
from .reading import neutralise_formula
from .structure import describe_team

FORMAT = "carnet-export"
VERSION = 1

# The files of the ZIP, in the order an import reads them (youths before what names them).
FILE_NAMES = {
    ImportKind.YOUTHS: "jeunes.csv",
    ImportKind.SITUATIONS: "situations.csv",
    ImportKind.ACCOMPANIMENTS: "accompagnements.csv",
    ImportKind.INTERVENTIONS: "interventions.csv",
    ImportKind.ACTIONS: "actions-collectives.csv",
    ImportKind.PRESENCES: "presences-sociales.csv",
    ImportKind.MEETINGS: "reunions-partenariales.csv",
    ImportKind.DIAGNOSTICS: "diagnostics-territoriaux.csv",
}
# The JSON document's key for each kind.
JSON_KEYS = {
    ImportKind.YOUTHS: "jeunes",
    ImportKind.SITUATIONS: "situations",
    ImportKind.ACCOMPANIMENTS: "accompagnements",
    ImportKind.INTERVENTIONS: "interventions",
    ImportKind.ACTIONS: "actions_collectives",
    ImportKind.PRESENCES: "presences_sociales",
    ImportKind.MEETINGS: "reunions_partenariales",
    ImportKind.DIAGNOSTICS: "diagnostics_territoriaux",
}


# Columns an import reads that an export leaves out: durations are written in minutes,
# an action's days as its end date.
NOT_EXPORTED = {"duration_hours", "days"}


def export_headers(kind: ImportKind) -> list[str]:
    """The columns an export writes: those of the import, durations in minutes only."""
    return [column.header for column in COLUMNS[kind] if column.field not in NOT_EXPORTED]


def export_team(*, team: Team, user: User | None) -> bytes:
    """The ZIP of CSV files, one per kind, as ``user`` may take it (None: the console's operator)."""
    scope = ExportScope.of(team=team, user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind, name in FILE_NAMES.items():
            archive.writestr(name, _csv(export_headers(kind), _ROWS[kind](scope, False)))
        for kind, name in attached.FILE_NAMES.items():
            archive.writestr(name, _csv(list(attached.HEADERS[kind]), attached.rows(scope=scope, kind=kind)))
    _record_export(scope, "ZIP")
    return buffer.getvalue()


def export_team_json(*, team: Team, user: User | None) -> bytes:
    """The JSON document: the team, the referentials, then one list of objects per kind."""
    scope = ExportScope.of(team=team, user=user)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exporte_le": timezone.now().isoformat(timespec="seconds"),
        **describe_team(team=team),
    }
    for kind, key in JSON_KEYS.items():
        document[key] = _objects(export_headers(kind), _ROWS[kind](scope, True))
    for kind, key in attached.JSON_KEYS.items():
        document[key] = _objects(list(attached.HEADERS[kind]), attached.rows(scope=scope, kind=kind))
    if scope.youths_left_out:
        document["non_exportes"] = {"jeunes_en_archive_restreinte": scope.youths_left_out}
    _record_export(scope, "JSON")
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _objects(headers: list[str], rows: Iterable[tuple]) -> list[dict]:
    return [{header: _json_value(value) for header, value in zip(headers, row, strict=True)} for row in rows]


def _record_export(scope: ExportScope, what: str) -> None:
    """The export's line in the audit log, under the exporter's name (the acting user at the
    console), saying whether youths of the restricted archive were left behind."""
    audit.record(
        action=AuditAction.EXPORT,
        user=scope.layer.user,
        target=scope.team,
        target_label=f"Export complet ({what}) : {scope.team.name}",
        changes={
            "archive restreinte": "comprise"
            if scope.with_archive
            else f"{scope.youths_left_out} jeune(s) laissé(s) de côté"
        },
    )


def _csv(header: list[str], rows: Iterable[Iterable]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return neutralise_formula(str(value))


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _several(values: list[str], as_lists: bool):
    return values if as_lists else "; ".join(values)


def team_rows(
    *, team: Team, kind: ImportKind, user: User | None = None, as_lists: bool = False
) -> Iterator[tuple]:
    """The team's records of ``kind`` as rows of ``export_headers(kind)``, as ``user`` may export
    them (None: the console's operator)."""
    return _ROWS[kind](ExportScope.of(team=team, user=user), as_lists)


def _youths(scope: ExportScope, as_lists: bool):
    youths = scope.youths().select_related("commune", "quartier", "origin")
    for y in youths.order_by("pk").iterator(chunk_size=2000):
        yield (
            youth_identifier(y.pk, y.external_id),
            y.first_name,
            y.nickname,
            y.code,
            y.last_name,
            y.sex,
            y.birth_date,
            y.birth_year,
            y.commune.name if y.commune else "",
            y.quartier.name if y.quartier else "",
            y.origin.label if y.origin else "",
            y.first_contact_date,
        )


def _situations(scope: ExportScope, as_lists: bool):
    changes = scope.of_exported_youths(SituationChange.objects.filter(youth__team=scope.team))
    changes = changes.select_related("youth", "situation").order_by("youth_id", "since")
    for c in changes.iterator(chunk_size=2000):
        yield youth_identifier(c.youth_id, c.youth.external_id), c.since, c.situation.label


def _accompaniments(scope: ExportScope, as_lists: bool):
    periods = scope.of_exported_youths(AccompanimentPeriod.objects.filter(youth__team=scope.team))
    periods = periods.select_related("youth", "modality").order_by("youth_id", "start")
    for p in periods.iterator(chunk_size=2000):
        yield youth_identifier(p.youth_id, p.youth.external_id), p.modality.label, p.start, p.end


def _interventions(scope: ExportScope, as_lists: bool):
    interventions = scope.of_exported_youths(scope.layer.interventions().filter(team=scope.team))
    interventions = interventions.select_related("youth").prefetch_related("domains", "partners")
    for i in interventions.order_by("youth_id", "date", "pk").iterator(chunk_size=2000):
        yield (
            record_identifier(i),
            youth_identifier(i.youth_id, i.youth.external_id),
            i.date,
            _several([domain.label for domain in i.domains.all()], as_lists),
            i.get_kind_display(),
            _several([partner.name for partner in i.partners.all()], as_lists),
            i.note,
        )


def _actions(scope: ExportScope, as_lists: bool):
    actions = scope.layer.collective_actions().filter(team=scope.team)
    actions = actions.select_related("action_type", "commune", "quartier")
    actions = actions.prefetch_related(scope.named_youths("participants"), "partners")
    for a in actions.order_by("start_date", "pk").iterator(chunk_size=500):
        yield (
            record_identifier(a),
            a.action_type.label,
            a.title,
            a.start_date,
            a.end_date,
            a.commune.name if a.commune else "",
            a.quartier.name if a.quartier else "",
            a.get_role_display(),
            a.commune_event,
            a.after_needs_study,
            _several([youth_identifier(y.pk, y.external_id) for y in a.participants.all()], as_lists),
            a.anonymous_male,
            a.anonymous_female,
            a.anonymous_non_binary,
            _several([partner.name for partner in a.partners.all()], as_lists),
            a.description,
        )


def _presences(scope: ExportScope, as_lists: bool):
    sessions = scope.layer.presence_sessions().filter(team=scope.team)
    sessions = sessions.select_related("kind", "commune", "quartier")
    sessions = sessions.prefetch_related(scope.named_youths("known_youths"))
    for s in sessions.order_by("date", "pk").iterator(chunk_size=2000):
        yield (
            record_identifier(s),
            s.date,
            s.kind.label,
            s.duration_minutes,
            s.commune.name if s.commune else "",
            s.quartier.name if s.quartier else "",
            s.place,
            s.youths_met,
            _several([youth_identifier(y.pk, y.external_id) for y in s.known_youths.all()], as_lists),
        )


def _meetings(scope: ExportScope, as_lists: bool):
    meetings = PartnershipMeeting.objects.filter(team=scope.team).select_related("kind", "commune")
    meetings = meetings.prefetch_related("partners")
    for m in meetings.order_by("date", "pk").iterator(chunk_size=2000):
        yield (
            record_identifier(m),
            m.date,
            m.kind.label,
            m.subject,
            m.duration_minutes,
            m.commune.name if m.commune else "",
            _several([partner.name for partner in m.partners.all()], as_lists),
        )


def _diagnostics(scope: ExportScope, as_lists: bool):
    diagnostics = TerritorialDiagnostic.objects.filter(team=scope.team).select_related("quartier__commune")
    diagnostics = diagnostics.prefetch_related("partners", "needs")
    for d in diagnostics.order_by("date", "pk").iterator(chunk_size=500):
        yield (
            record_identifier(d),
            d.date,
            d.quartier.commune.name,
            d.quartier.name,
            _several([partner.name for partner in d.partners.all()], as_lists),
            d.summary,
            "; ".join(need.label for need in d.needs.all()),
            d.resources,
        )


_ROWS = {
    ImportKind.YOUTHS: _youths,
    ImportKind.SITUATIONS: _situations,
    ImportKind.ACCOMPANIMENTS: _accompaniments,
    ImportKind.INTERVENTIONS: _interventions,
    ImportKind.ACTIONS: _actions,
    ImportKind.PRESENCES: _presences,
    ImportKind.MEETINGS: _meetings,
    ImportKind.DIAGNOSTICS: _diagnostics,
}
