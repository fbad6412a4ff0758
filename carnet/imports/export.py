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
"""

import csv
import datetime
import io
import json
import zipfile
from collections.abc import Iterable, Iterator

from django.utils import timezone

from carnet.activity.models import (
    CollectiveAction,
    Intervention,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)
from carnet.organisations.models import Team
from carnet.youths.models import AccompanimentPeriod, SituationChange, Youth

from .columns import COLUMNS, ImportKind
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


def youth_identifier(youth_id: int, external_id: str) -> str:
    return external_id or f"carnet-{youth_id}"


def record_identifier(record) -> str:
    """An activity record's identifier in an export: its own, else "carnet-<number>" (which
    an import into the same team finds again)."""
    return record.external_id or f"carnet-{record.pk}"


# Columns an import reads that an export leaves out: durations are written in minutes,
# an action's days as its end date.
NOT_EXPORTED = {"duration_hours", "days"}


def export_headers(kind: ImportKind) -> list[str]:
    """The columns an export writes: those of the import, durations in minutes only."""
    return [column.header for column in COLUMNS[kind] if column.field not in NOT_EXPORTED]


def export_team(*, team: Team) -> bytes:
    """The ZIP of CSV files, one per kind."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind, name in FILE_NAMES.items():
            archive.writestr(name, _csv(export_headers(kind), team_rows(team=team, kind=kind)))
    return buffer.getvalue()


def export_team_json(*, team: Team) -> bytes:
    """The JSON document: the team, the referentials, then one list of objects per kind."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exporte_le": timezone.now().isoformat(timespec="seconds"),
        **describe_team(team=team),
    }
    for kind, key in JSON_KEYS.items():
        headers = export_headers(kind)
        document[key] = [
            {header: _json_value(value) for header, value in zip(headers, row, strict=True)}
            for row in team_rows(team=team, kind=kind, as_lists=True)
        ]
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


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


def team_rows(*, team: Team, kind: ImportKind, as_lists: bool = False) -> Iterator[tuple]:
    """The team's records of ``kind`` as rows of ``export_headers(kind)``."""
    return _ROWS[kind](team, as_lists)


def _youths(team: Team, as_lists: bool):
    youths = Youth.objects.active().filter(team=team).select_related("commune", "quartier", "origin")
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


def _situations(team: Team, as_lists: bool):
    changes = SituationChange.objects.filter(youth__team=team, youth__merged_into__isnull=True)
    changes = changes.select_related("youth", "situation").order_by("youth_id", "since")
    for c in changes.iterator(chunk_size=2000):
        yield youth_identifier(c.youth_id, c.youth.external_id), c.since, c.situation.label


def _accompaniments(team: Team, as_lists: bool):
    periods = AccompanimentPeriod.objects.filter(youth__team=team, youth__merged_into__isnull=True)
    periods = periods.select_related("youth", "modality").order_by("youth_id", "start")
    for p in periods.iterator(chunk_size=2000):
        yield youth_identifier(p.youth_id, p.youth.external_id), p.modality.label, p.start, p.end


def _interventions(team: Team, as_lists: bool):
    interventions = Intervention.objects.filter(team=team, youth__merged_into__isnull=True)
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


def _actions(team: Team, as_lists: bool):
    actions = CollectiveAction.objects.filter(team=team).select_related("action_type", "commune", "quartier")
    actions = actions.prefetch_related("participants", "partners")
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


def _presences(team: Team, as_lists: bool):
    sessions = PresenceSession.objects.filter(team=team).select_related("kind", "commune", "quartier")
    sessions = sessions.prefetch_related("known_youths")
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


def _meetings(team: Team, as_lists: bool):
    meetings = PartnershipMeeting.objects.filter(team=team).select_related("kind", "commune")
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


def _diagnostics(team: Team, as_lists: bool):
    diagnostics = TerritorialDiagnostic.objects.filter(team=team).select_related("quartier__commune")
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
