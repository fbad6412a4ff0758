"""Everything a team holds, as a ZIP of CSV files (UTF-8 with BOM, ``;``): what spreadsheets open.

The youth, situation and intervention files use the headers of the import, so
that an export imports back into another Carnet. A youth without identifier is
exported as "carnet-<number>" so that its situations and interventions can name it.
"""

import csv
import io
import zipfile
from collections.abc import Iterable

from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, PresenceSession
from carnet.organisations.models import Team
from carnet.youths.models import AccompanimentPeriod, SituationChange, Youth

from .mapping import COLUMNS, ImportKind


def youth_identifier(youth_id: int, external_id: str) -> str:
    return external_id or f"carnet-{youth_id}"


def _csv(header: list[str], rows: Iterable[Iterable]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else _cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value) -> str:
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _headers(kind: ImportKind) -> list[str]:
    return [column.header for column in COLUMNS[kind]]


def export_team(*, team: Team) -> bytes:
    files = {
        "jeunes.csv": _csv(_headers(ImportKind.YOUTHS), _youths(team)),
        "situations.csv": _csv(_headers(ImportKind.SITUATIONS), _situations(team)),
        "interventions.csv": _csv(_headers(ImportKind.INTERVENTIONS), _interventions(team)),
        "accompagnements.csv": _csv(
            ["Identifiant du jeune", "Modalité", "Début", "Fin"],
            (
                (youth_identifier(p.youth_id, p.youth.external_id), p.modality.label, p.start, p.end)
                for p in AccompanimentPeriod.objects.filter(youth__team=team, youth__merged_into__isnull=True)
                .select_related("youth", "modality")
                .order_by("youth_id", "start")
            ),
        ),
        "actions-collectives.csv": _csv(
            [
                "Type",
                "Intitulé",
                "Date de début",
                "Date de fin",
                "Commune",
                "Jeunes connus",
                "Autres garçons",
                "Autres filles",
                "Autres non binaires",
            ],
            (
                (
                    a.action_type.label,
                    a.title,
                    a.start_date,
                    a.end_date,
                    a.commune.name if a.commune else "",
                    a.participants.count(),
                    a.anonymous_male,
                    a.anonymous_female,
                    a.anonymous_non_binary,
                )
                for a in CollectiveAction.objects.filter(team=team).select_related("action_type", "commune")
            ),
        ),
        "presences-sociales.csv": _csv(
            ["Date", "Type", "Durée (minutes)", "Commune", "Lieu", "Jeunes rencontrés"],
            (
                (
                    s.date,
                    s.kind.label,
                    s.duration_minutes,
                    s.commune.name if s.commune else "",
                    s.place,
                    s.youths_met,
                )
                for s in PresenceSession.objects.filter(team=team).select_related("kind", "commune")
            ),
        ),
        "reunions-partenariales.csv": _csv(
            ["Date", "Type", "Objet", "Durée (minutes)", "Commune"],
            (
                (m.date, m.kind.label, m.subject, m.duration_minutes, m.commune.name if m.commune else "")
                for m in PartnershipMeeting.objects.filter(team=team).select_related("kind", "commune")
            ),
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _youths(team: Team):
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


def _situations(team: Team):
    changes = SituationChange.objects.filter(youth__team=team, youth__merged_into__isnull=True)
    for c in (
        changes.select_related("youth", "situation").order_by("youth_id", "since").iterator(chunk_size=2000)
    ):
        yield youth_identifier(c.youth_id, c.youth.external_id), c.since, c.situation.label


def _interventions(team: Team):
    interventions = Intervention.objects.filter(team=team, youth__merged_into__isnull=True)
    interventions = (
        interventions.select_related("youth").prefetch_related("domains").order_by("youth_id", "date")
    )
    for i in interventions.iterator(chunk_size=2000):
        domains = ", ".join(domain.label for domain in i.domains.all())
        yield (
            youth_identifier(i.youth_id, i.youth.external_id),
            i.date,
            domains,
            i.get_kind_display(),
            i.note,
        )
