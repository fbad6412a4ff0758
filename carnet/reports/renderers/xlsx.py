"""The report as a workbook: one sheet per table, figures stored as numbers.

Sheets: "Bilan" (what the report covers, key figures, written sections), one
sheet per table of the report, then the collective actions, the partners and,
when some youths lack data, "Données manquantes" (names of youths: internal
reports only; the external version carries no data gaps). The workbook holds no
formula: every text is stored as text.
"""

import datetime
import io
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import NarrativeSection
from ..presentation import disclosure_legend, disclosure_note, hidden_text
from ..report import ActivityReport, CellValue, Table
from ..rules import keys
from .outline import ROW_HEADERS, key_figures, period_text
from .printable import printable_inputs

BRAND = "0B5561"
TOTAL_FILL = "E3EEF0"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=BRAND)
TITLE_FONT = Font(bold=True, size=14, color=BRAND)
TOTAL_BORDER = Border(top=Side(style="thin", color=BRAND))
WRAP = Alignment(wrap_text=True, vertical="top")

FORMATS = {keys.PERCENT: "0%", keys.HOURS: "#,##0.0", keys.AVERAGE_AGE: "0"}
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "DD/MM/YYYY"
FIRST_ROW = 4  # title, scope, blank line, then the header row

SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?]")


def render_xlsx(*, report: ActivityReport, narrative: dict[str, str] | None = None) -> bytes:
    report, narrative, _funders = printable_inputs(report, narrative)
    workbook = Workbook()
    names: set[str] = set()
    summary = workbook.active
    summary.title = _sheet_name(_("Bilan"), names)
    _summary_sheet(summary, report, narrative or {})
    for table in report.tables:
        _table_sheet(workbook.create_sheet(_sheet_name(table.title, names)), report, table)
    _actions_sheet(workbook.create_sheet(_sheet_name(_("Actions collectives"), names)), report)
    _list_sheet(
        workbook.create_sheet(_sheet_name(_("Partenaires"), names)),
        report,
        _("Partenaires mobilisés"),
        [_("Partenaire")],
        [[name] for name in report.partners],
    )
    if report.data_gaps:
        _list_sheet(
            workbook.create_sheet(_sheet_name(_("Données manquantes"), names)),
            report,
            _("Jeunes comptés en « Non renseigné »"),
            [_("Jeune"), _("Fiche n°"), _("Données à compléter")],
            [
                [gap.display_name, gap.youth_id, ", ".join(str(item.label) for item in gap.missing)]
                for gap in report.data_gaps
            ],
        )
    workbook.properties.title = _("Bilan d'activité — %(scope)s") % {"scope": report.scope.label}
    workbook.properties.creator = "Carnet"
    _text_as_text(workbook)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _text_as_text(workbook: Workbook) -> None:
    """Every text stored as text: openpyxl takes a text starting with "=" for a formula, and a
    name, title or narrative such as "=HYPERLINK(…)" would run in the reader's spreadsheet."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"


def _sheet_name(title: str, taken: set[str]) -> str:
    """A valid sheet name (31 characters, none of []:*?/\\), unique in the workbook."""
    cleaned = SHEET_NAME_FORBIDDEN.sub(" ", title.replace("/", "-").replace("\\", "-"))
    base = " ".join(cleaned.split()).strip("'")[:31].strip() or _("Tableau")
    name, number = base, 1
    while name.lower() in taken or name.lower() == "history":
        number += 1
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
    taken.add(name.lower())
    return name


def _number(value: CellValue, column: str) -> int | float | None:
    if value is None:
        return None
    if column == keys.PERCENT:
        return float(Decimal(value) / 100)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _write_heading(sheet: Worksheet, report: ActivityReport, title: str) -> None:
    sheet["A1"] = title
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = report.scope.label
    sheet["A2"].font = Font(italic=True)
    _write_legend(sheet, report)


def _write_legend(sheet: Worksheet, report: ActivityReport) -> None:
    """Every sheet of an external version carries the legend of the mark (row 3)."""
    if legend := disclosure_legend(report):
        sheet["A3"] = legend
        sheet["A3"].font = Font(italic=True, size=9, color="55606E")


def _write_header(sheet: Worksheet, headers: list[str]) -> None:
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=FIRST_ROW, column=index, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(
            wrap_text=True, vertical="center", horizontal="center" if index > 1 else None
        )
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW + 1, column=2)


def _set_widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _table_sheet(sheet: Worksheet, report: ActivityReport, table: Table) -> None:
    compared = report.previous_scope is not None
    _write_heading(sheet, report, table.title)
    headers = [str(ROW_HEADERS.get(table.key, ""))]
    columns = []  # (column key, read the previous value?)
    for column in table.columns:
        headers.append(column.label)
        columns.append((column.key, False))
        if compared:
            headers.append(_("%(column)s (période précédente)") % {"column": column.label})
            columns.append((column.key, True))
    _write_header(sheet, headers)
    for offset, row in enumerate(table.all_rows, start=1):
        line = FIRST_ROW + offset
        label = sheet.cell(row=line, column=1, value=row.label)
        is_total = row.key == keys.TOTAL
        for index, (column, previous) in enumerate(columns, start=2):
            source = row.cell(column)
            masked = source.previous_hidden if previous else source.hidden
            if masked:
                # A masked figure holds the mark, never a number, as in every other format.
                value = hidden_text(column)
            else:
                value = _number(source.previous if previous else source.value, column)
            cell = sheet.cell(row=line, column=index, value=value)
            if masked:
                cell.alignment = Alignment(horizontal="right")
            cell.number_format = FORMATS.get(column, COUNT_FORMAT)
            if previous:
                cell.font = Font(italic=True, color="55606E")
        if is_total:
            for cell in sheet[line]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor=TOTAL_FILL)
                cell.border = TOTAL_BORDER
        elif row.key in (keys.NOT_RECORDED, keys.OUTSIDE_BRACKETS):
            label.font = Font(italic=True)
    labels = [len(row.label) for row in table.all_rows] + [len(headers[0])]
    _set_widths(sheet, [min(max(labels) + 2, 60)] + [max(12, min(len(h) + 2, 24)) for h in headers[1:]])
    sheet.row_dimensions[FIRST_ROW].height = 32 if compared else 20
    if compared:
        sheet.cell(
            row=FIRST_ROW + len(table.all_rows) + 2,
            column=1,
            value=_("Période précédente : %(period)s") % {"period": period_text(report.previous_scope)},
        ).font = Font(italic=True)


def _summary_sheet(sheet: Worksheet, report: ActivityReport, narrative: dict[str, str]) -> None:
    scope = report.scope
    sheet["A1"] = _("Bilan d'activité")
    sheet["A1"].font = Font(bold=True, size=16, color=BRAND)
    sheet["A2"] = scope.label
    sheet["A2"].font = Font(italic=True)
    if note := disclosure_note(report):
        sheet["A3"] = note
        sheet["A3"].font = Font(italic=True, size=9, color="55606E")
    lines: list[tuple[str, object]] = [
        (_("Organisation"), scope.owner.name),
        (_("Équipe"), scope.name),
        (_("Commune"), scope.commune.name if scope.commune else _("Toutes les communes de l'équipe")),
        (_("Début de la période"), scope.start),
        (_("Fin de la période"), scope.end),
    ]
    if report.previous_scope is not None:
        lines.append((_("Comparée à la période"), period_text(report.previous_scope)))
    lines += key_figures(report)
    line = FIRST_ROW
    for label, value in lines:
        sheet.cell(row=line, column=1, value=label).font = Font(bold=True)
        cell = sheet.cell(row=line, column=2, value=_number(value, keys.COUNT))
        if isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
        elif isinstance(value, int | float | Decimal):
            cell.number_format = FORMATS[keys.HOURS] if isinstance(value, Decimal) else COUNT_FORMAT
        cell.alignment = Alignment(horizontal="left")
        line += 1
    texts = [(section.label, narrative.get(section.value, "").strip()) for section in NarrativeSection]
    texts = [(label, text) for label, text in texts if text]
    if texts:
        line += 1
        sheet.cell(row=line, column=1, value=_("Textes du bilan")).font = TITLE_FONT
        for label, text in texts:
            line += 1
            sheet.cell(row=line, column=1, value=str(label)).font = Font(bold=True)
            cell = sheet.cell(row=line, column=2, value=text)
            cell.alignment = WRAP
            sheet.cell(row=line, column=1).alignment = WRAP
            sheet.row_dimensions[line].height = 15 * min(30, text.count("\n") + 1 + len(text) // 90)
    _set_widths(sheet, [36, 100])


def _actions_sheet(sheet: Worksheet, report: ActivityReport) -> None:
    headers = [
        _("Action"),
        _("Type"),
        _("Catégorie"),
        _("Début"),
        _("Fin"),
        _("Séances"),
        _("Jours"),
        _("Rôle"),
    ]
    headers.append(_("Participants"))
    rows = [
        [
            a.title,
            a.action_type,
            a.category,
            a.start_date,
            a.end_date,
            a.actions,
            a.days,
            a.role,
            a.participants,
        ]
        for a in report.actions
    ]
    _list_sheet(sheet, report, _("Actions collectives de la période"), headers, rows)


def _list_sheet(
    sheet: Worksheet, report: ActivityReport, title: str, headers: list[str], rows: list[list]
) -> None:
    _write_heading(sheet, report, title)
    _write_header(sheet, headers)
    for offset, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=FIRST_ROW + offset, column=index, value=value)
            if isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
    if not rows:
        sheet.cell(row=FIRST_ROW + 1, column=1, value=_("Aucun pour cette période.")).font = Font(italic=True)
    columns = list(zip(*rows, strict=True)) or [() for _header in headers]
    longest = [
        max([len(str(value)) for value in column] + [len(header), 10])
        for header, column in zip(headers, columns, strict=True)
    ]
    _set_widths(sheet, [min(60, width + 2) for width in longest])
