"""What the office documents (DOCX, ODT) print, in the seed's reading order.

The renderers only lay out what this module decides: the chapters, the
narrative split into paragraphs and bullets, each table as formatted text.
Figures are formatted by ``presentation.format_value``, like the page and the PDF.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import NarrativeSection
from ..presentation import disclosure_legend, format_value, hidden_text, masks
from ..report import ActionItem, ActivityReport, Cell, CellValue, Table
from ..rules import keys
from ..scope import ReportScope, _long_date

# The header of the label column, as the seed names it ("Tranches d'âge", "Origine"...).
ROW_HEADERS = {
    keys.MODALITY: gettext_lazy("Modalité d'accompagnement"),
    keys.AGE: gettext_lazy("Tranches d'âge"),
    keys.SEX: gettext_lazy("Sexe"),
    keys.ORIGIN: gettext_lazy("Origine"),
    keys.SITUATION: gettext_lazy("Situation"),
    keys.DOMAINS: gettext_lazy("Domaines travaillés"),
    keys.ACTION_CATEGORIES: gettext_lazy("Catégorie"),
    keys.ACTION_TYPES: gettext_lazy("Type d'action"),
    keys.DSL: gettext_lazy("Rôle de l'équipe"),
    keys.GENERAL_ACTION: gettext_lazy("Indicateur"),
    keys.PRESENCE: gettext_lazy("Type de présence"),
    keys.MEETINGS: gettext_lazy("Type de réunion"),
    keys.PAEI_GOALS: gettext_lazy("Domaine"),
    keys.DIAGNOSTICS: gettext_lazy("Quartier"),
}

# Chapters holding tables, and their tables; a table the engine adds later lands in "other".
ACTIVITY_TABLES = (
    keys.MODALITY,
    keys.ACTION_CATEGORIES,
    keys.ACTION_TYPES,
    keys.DSL,
    keys.PRESENCE,
    keys.MEETINGS,
)
PUBLIC_TABLES = (keys.AGE, keys.SEX, keys.ORIGIN, keys.SITUATION)
PLACED_TABLES = {keys.GENERAL_ACTION, keys.DOMAINS, *ACTIVITY_TABLES, *PUBLIC_TABLES}


@dataclass(frozen=True)
class Block:
    """A line of narrative: a paragraph (level 0) or a bullet (level 1, nested 2)."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class GridRow:
    """A row as text; ``previous`` holds the previous period's figures ("" where none)."""

    label: str
    cells: tuple[str, ...]
    previous: tuple[str, ...] | None = None
    is_total: bool = False
    is_not_recorded: bool = False


@dataclass(frozen=True)
class Grid:
    """A table as text: header labels (label column first), rows, which columns are numbers."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[GridRow, ...]
    numeric: tuple[bool, ...]
    widths: tuple[int, ...]  # relative widths of the columns, label column first
    column_keys: tuple[str, ...] = ()  # keys of the figure columns, for a table of the report
    legend: str = ""  # the legend of the mark « s », under a table that holds one

    @property
    def compared(self) -> bool:
        return any(row.previous is not None for row in self.rows)


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str
    blocks: tuple[Block, ...] = ()
    grids: tuple[Grid, ...] = ()
    show_actions: bool = False
    show_partners: bool = False


def period_text(scope: ReportScope) -> str:
    """E.g. "du 9 mai 2023 au 31 décembre 2023": the same words as ``ReportScope.label``."""
    return _("du %(start)s au %(end)s") % {"start": _long_date(scope.start), "end": _long_date(scope.end)}


def short_date(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def cell_text(cell: Cell) -> str:
    """A figure as printed: the mark « s » for a figure masked in an external report."""
    column = cell.key.column
    return hidden_text(column) if cell.hidden else format_value(cell.value, column=column)


def previous_text(cell: Cell) -> str:
    if cell.previous_hidden:
        return hidden_text()
    if cell.previous is None:
        return ""
    return format_value(cell.previous, column=cell.key.column)


def narrative_blocks(text: str) -> tuple[Block, ...]:
    """Lines of ``text``; "- " or "• " starts a bullet, an indented one a nested bullet."""
    blocks = []
    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[:2] in ("- ", "• ", "* ", "– "):
            indented = len(line) - len(line.lstrip()) > 0
            blocks.append(Block(stripped[2:].strip(), 2 if indented else 1))
        else:
            blocks.append(Block(stripped))
    return tuple(blocks)


def table_grid(table: Table, *, compared: bool = False, legend: str = "") -> Grid:
    columns = [column.key for column in table.columns]
    rows = []
    for row in table.all_rows:
        cells = [row.cell(column) for column in columns]
        rows.append(
            GridRow(
                label=row.label,
                cells=tuple(cell_text(cell) for cell in cells),
                previous=tuple(previous_text(cell) for cell in cells) if compared else None,
                is_total=row.key == keys.TOTAL,
                is_not_recorded=row.key in (keys.NOT_RECORDED, keys.OUTSIDE_BRACKETS),
            )
        )
    headers = (str(ROW_HEADERS.get(table.key, "")), *(column.label for column in table.columns))
    return Grid(
        key=table.key,
        title=table.title,
        headers=headers,
        rows=tuple(rows),
        numeric=(False, *(True for _column in columns)),
        widths=column_weights(headers, rows),
        column_keys=tuple(columns),
        legend=legend if masks(table) else "",
    )


def column_weights(headers: tuple[str, ...], rows: list[GridRow] | tuple[GridRow, ...]) -> tuple[int, ...]:
    """Relative column widths, in characters: the longest text, a header wrapping on two lines at most."""
    weights = []
    for index, header in enumerate(headers):
        texts = [row.label if index == 0 else row.cells[index - 1] for row in rows]
        if index and rows and rows[0].previous is not None:
            texts = [f"{text} ({row.previous[index - 1]})" for text, row in zip(texts, rows, strict=True)]
        # Headers are bold: a little wider than the figures below them.
        longest_word = max((len(word) for word in header.split()), default=0)
        header_width = max(longest_word, (len(header) + 1) // 2) * 6 // 5
        weights.append(min(40, max([header_width, 5, *(len(text) for text in texts)])) + 3)
    return tuple(weights)


def action_dates(action: ActionItem) -> str:
    if action.start_date == action.end_date:
        return short_date(action.start_date)
    return f"{short_date(action.start_date)} – {short_date(action.end_date)}"


def actions_grid(actions: tuple[ActionItem, ...]) -> Grid:
    rows = [
        GridRow(
            label=action.title,
            cells=(
                action.action_type,
                action_dates(action),
                format_value(action.actions, column=keys.ACTIONS),
                format_value(action.days, column=keys.DAYS),
                action.role,
                format_value(action.participants, column=keys.YOUTHS),
            ),
        )
        for action in actions
    ]
    headers = (_("Action"), _("Type"), _("Dates"), _("Séances"), _("Jours"), _("Rôle"), _("Participants"))
    return Grid(
        key="actions",
        title=_("Actions collectives de la période"),
        headers=headers,
        rows=tuple(rows),
        numeric=(False, False, False, True, True, False, True),
        widths=column_weights(headers, rows),
    )


def _figure(report: ActivityReport, row: str, value: CellValue) -> CellValue | str:
    """A key figure, or the mark when the external version masks it in the general action."""
    try:
        cell = report.table(keys.GENERAL_ACTION).cell(row, keys.COUNT)
    except KeyError:
        return value
    return hidden_text() if cell.hidden else value


def published_youths(report: ActivityReport) -> tuple[CellValue | str, CellValue | str]:
    """The youths of the report and those in contact, as a key figure prints them."""
    return (
        _figure(report, keys.YOUTHS_MET, report.youths),
        _figure(report, keys.YOUTHS_IN_CONTACT, report.youths_in_contact),
    )


def key_figures(report: ActivityReport) -> list[tuple[str, CellValue | str]]:
    """(label, value) of the figures a reader looks for first."""
    youths, in_contact = published_youths(report)
    figures: list[tuple[str, CellValue | str]] = [
        (_("Jeunes rencontrés dans la période"), youths),
        (_("Jeunes en contact"), in_contact),
        (_("Actions collectives"), len(report.actions)),
    ]
    totals = (
        (keys.PRESENCE, keys.HOURS, _("Heures de présence sociale")),
        (keys.MEETINGS, keys.MEETING_COUNT, _("Réunions partenariales")),
    )
    for table_key, column, label in totals:
        try:
            total = report.table(table_key).total
        except KeyError:
            continue
        if total is not None:
            figures.append((label, total.value(column)))
    figures.append((_("Partenaires mobilisés"), len(report.partners)))
    return figures


def chapters(report: ActivityReport, narrative: dict[str, str] | None = None) -> list[Chapter]:
    """The chapters to print, in the seed's order; a text-only chapter without text is left out."""
    narrative = narrative or {}
    compared = report.previous_scope is not None
    legend = disclosure_legend(report)
    grids = {table.key: table_grid(table, compared=compared, legend=legend) for table in report.tables}

    def text(section: NarrativeSection) -> tuple[Block, ...]:
        return narrative_blocks(narrative.get(section.value, ""))

    def pick(table_keys) -> tuple[Grid, ...]:
        return tuple(grids[key] for key in table_keys if key in grids)

    others = tuple(grid for key, grid in grids.items() if key not in PLACED_TABLES)
    candidates = [
        Chapter(NarrativeSection.SETUP.value, NarrativeSection.SETUP.label, text(NarrativeSection.SETUP)),
        Chapter(
            NarrativeSection.GENERAL_ACTION.value,
            NarrativeSection.GENERAL_ACTION.label,
            text(NarrativeSection.GENERAL_ACTION),
            pick([keys.GENERAL_ACTION]),
        ),
        Chapter("activite", _("L'activité de l'équipe"), grids=pick(ACTIVITY_TABLES)),
        Chapter("domaines", _("Domaines travaillés"), grids=pick([keys.DOMAINS])),
        Chapter("public", _("Le public accompagné"), grids=pick(PUBLIC_TABLES)),
        Chapter("autres", _("Autres chiffres"), grids=others),
        Chapter(
            NarrativeSection.SPECIFIC_ACTIONS.value,
            NarrativeSection.SPECIFIC_ACTIONS.label,
            text(NarrativeSection.SPECIFIC_ACTIONS),
            show_actions=bool(report.actions),
        ),
        Chapter("partenaires", _("Partenaires mobilisés"), show_partners=bool(report.partners)),
        Chapter(
            NarrativeSection.PERSPECTIVES.value,
            NarrativeSection.PERSPECTIVES.label,
            text(NarrativeSection.PERSPECTIVES),
        ),
        Chapter(
            NarrativeSection.ADDED_VALUE.value,
            NarrativeSection.ADDED_VALUE.label,
            text(NarrativeSection.ADDED_VALUE),
        ),
    ]
    return [
        chapter
        for chapter in candidates
        if chapter.blocks or chapter.grids or chapter.show_actions or chapter.show_partners
    ]


def comparison_note(report: ActivityReport) -> str:
    if report.previous_scope is None:
        return ""
    return _("Entre parenthèses : la même donnée sur la période précédente, %(period)s.") % {
        "period": period_text(report.previous_scope)
    }
