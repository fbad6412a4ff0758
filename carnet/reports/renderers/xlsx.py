"""The outline as a workbook: one sheet per table, figures stored as numbers.

Sheets, in the document's order: "Bilan" (what the report covers, the key figures, the
sections and their written texts), then one sheet per table of each section (with its
chart beside it), the collective actions, the partners and, when some youths lack
data, "Données manquantes" (names of youths: internal reports only; the external
version carries no data gaps). The workbook holds no formula: every text is stored as
text.
"""

import datetime
import io
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..presentation import hidden_text
from ..report import CellValue
from ..rules import keys
from .images import chart_picture
from .outline import ACTIONS, PARTNERS, Grid, ItemList, Outline
from .printable import french

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


def render_xlsx(*, outline: Outline) -> bytes:
    workbook = Workbook()
    names: set[str] = set()
    summary = workbook.active
    summary.title = _sheet_name(_("Bilan"), names)
    _summary_sheet(summary, outline)
    sheets: dict[str, Worksheet] = {}
    for section in outline.sections:
        for block in section.blocks:
            if block.kind == "table":
                title = _("Actions collectives") if block.key == ACTIONS else block.title
                sheet = workbook.create_sheet(_sheet_name(title, names))
                sheets[block.key] = sheet
                _table_sheet(sheet, outline, block)
            elif block.kind == "chart" and block.key in sheets:
                _add_chart(sheets[block.key], block.svg)
            elif block.kind == "list":
                _items_sheet(workbook, names, outline, block)
    workbook.properties.title = f"{outline.title} — {outline.scope_label}"
    workbook.properties.creator = "Carnet"
    _text_as_text(workbook)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _text_as_text(workbook: Workbook) -> None:
    """Every text stored as text, in French typography (the workbook's own labels too, which
    the outline does not carry): openpyxl takes a text starting with "=" for a formula, and a
    name, title or narrative such as "=HYPERLINK(…)" would run in the reader's spreadsheet."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = french(cell.value)
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


def _number(value: CellValue | object, column: str):
    if value is None:
        return None
    if column == keys.PERCENT:
        return float(Decimal(value) / 100)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _write_heading(sheet: Worksheet, outline: Outline, title: str) -> None:
    sheet["A1"] = title
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = outline.scope_label
    sheet["A2"].font = Font(italic=True)
    if outline.disclosure_legend:
        # Every sheet of an external version carries the legend of the mark.
        sheet["A3"] = outline.disclosure_legend
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


def _table_sheet(sheet: Worksheet, outline: Outline, grid: Grid) -> None:
    compared = grid.compared
    _write_heading(sheet, outline, grid.title)
    headers = [grid.row_header]
    columns = []  # (column index in the grid, read the previous value?)
    for index, header in enumerate(grid.headers):
        headers.append(header)
        columns.append((index, False))
        if compared:
            headers.append(_("%(column)s (période précédente)") % {"column": header})
            columns.append((index, True))
    _write_header(sheet, headers)
    for offset, row in enumerate(grid.rows, start=1):
        line = FIRST_ROW + offset
        label = sheet.cell(row=line, column=1, value=row.label)
        for position, (index, previous) in enumerate(columns, start=2):
            figure = row.cells[index]
            source = figure.cell
            column = source.key.column if source is not None else grid.column_keys[index]
            masked = source is not None and (source.previous_hidden if previous else source.hidden)
            if masked:
                # A masked figure holds the mark, never a number, as in every other format.
                value = hidden_text()
            elif source is not None:
                value = _number(source.previous if previous else source.value, column)
            else:
                value = figure.value
            cell = sheet.cell(row=line, column=position, value=value)
            if masked:
                cell.alignment = Alignment(horizontal="right")
            if isinstance(value, int | float):
                cell.number_format = FORMATS.get(column, COUNT_FORMAT)
            if previous:
                cell.font = Font(italic=True, color="55606E")
        if row.is_total:
            for cell in sheet[line]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor=TOTAL_FILL)
                cell.border = TOTAL_BORDER
        elif row.is_not_recorded:
            label.font = Font(italic=True)
    texts = [[row.label, *(cell.text for cell in row.cells)] for row in grid.rows]
    widths = [min(60, max([len(headers[0])] + [len(str(line[0])) for line in texts]) + 2)]
    for index, header in enumerate(headers[1:], start=1):
        source = columns[index - 1][0] + 1
        longest = max([len(line[source]) for line in texts] + [min(len(header), 22)])
        widths.append(max(12, min(longest + 2, 48)))
    _set_widths(sheet, widths)
    sheet.row_dimensions[FIRST_ROW].height = 32 if compared else 20
    if compared:
        sheet.cell(
            row=FIRST_ROW + len(grid.rows) + 2,
            column=1,
            value=_("Période précédente : %(period)s") % {"period": outline.previous_period},
        ).font = Font(italic=True)


def _add_chart(sheet: Worksheet, svg: str) -> None:
    """The section's chart to the right of its table."""
    picture = chart_picture(svg)
    image = SheetImage(io.BytesIO(picture.png))
    image.width, image.height = picture.width, picture.height
    sheet.add_image(image, f"{get_column_letter(sheet.max_column + 2)}{FIRST_ROW}")


def _summary_sheet(sheet: Worksheet, outline: Outline) -> None:
    sheet["A1"] = outline.title
    sheet["A1"].font = Font(bold=True, size=16, color=BRAND)
    sheet["A2"] = outline.scope_label
    sheet["A2"].font = Font(italic=True)
    if outline.disclosure_note:
        sheet["A3"] = outline.disclosure_note
        sheet["A3"].font = Font(italic=True, size=9, color="55606E")
    lines: list[tuple[str, object]] = [
        (_("Organisation"), outline.organisation),
        (_("Équipe"), outline.team),
        (_("Commune"), outline.commune or _("Toutes les communes de l'équipe")),
        (_("Début de la période"), outline.start),
        (_("Fin de la période"), outline.end),
        (_("Modèle"), outline.model),
    ]
    if outline.previous_period:
        lines.append((_("Comparée à la période"), outline.previous_period))
    if outline.funders:
        lines.append((_("Financeurs"), ", ".join(funder.name for funder in outline.funders)))
    lines += [
        (figure.label, figure.value if figure.value is not None else figure.text)
        for figure in outline.key_figures
    ]
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
    line += 1
    sheet.cell(row=line, column=1, value=_("Sections du bilan")).font = TITLE_FONT
    for section in outline.sections:
        line += 1
        sheet.cell(row=line, column=1, value=section.title).font = Font(bold=True)
        # The text as it reads (bullets as « • », without the ** of bold words).
        text = "\n".join(
            ("• " if line.level else "") + line.text
            for block in section.blocks
            if block.kind == "narrative"
            for line in block.blocks
        ).strip()
        if text:
            cell = sheet.cell(row=line, column=2, value=text)
            cell.alignment = WRAP
            sheet.cell(row=line, column=1).alignment = WRAP
            sheet.row_dimensions[line].height = 15 * min(30, text.count("\n") + 1 + len(text) // 90)
    _set_widths(sheet, [36, 100])


def _items_sheet(workbook: Workbook, names: set[str], outline: Outline, block: ItemList) -> None:
    if block.key == PARTNERS:
        title, headers = _("Partenaires"), [_("Partenaire")]
        rows = [[item.text] for item in block.items]
        heading = _("Partenaires mobilisés")
    else:
        title, headers = _("Données manquantes"), [_("Jeune"), _("Fiche n°"), _("Données à compléter")]
        rows = [[item.text, item.youth_id, item.detail] for item in block.items]
        heading = _("Jeunes comptés en « Non renseigné »")
    _list_sheet(workbook.create_sheet(_sheet_name(title, names)), outline, heading, headers, rows)


def _list_sheet(sheet: Worksheet, outline: Outline, title: str, headers: list[str], rows: list[list]) -> None:
    _write_heading(sheet, outline, title)
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
