"""How a report's figures read: one formatting of numbers for the page, the PDF
and every office format, and the layout data the document template displays."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .report import ActivityReport, Cell, Table
from .rules import keys

# Columns that are not counts of records: a percentage, an average, a sum of hours or days.
DERIVED_COLUMNS = {keys.PERCENT, keys.AVERAGE_AGE}
NOT_APPLICABLE = "—"


def hidden_text(column: str = "") -> str:
    """What a masked figure of an external report reads, whatever the reason it is masked
    (small itself, or hiding another): one mark that states nothing false about it."""
    return _("s")


def disclosure_legend(report: ActivityReport) -> str:
    """The legend of the mark, printed on every external document and sheet ("" otherwise)."""
    if report.disclosure is None:
        return ""
    return _(
        "s : donnée masquée pour protéger l'anonymat des jeunes — secret statistique, seuil %(threshold)s"
    ) % {"threshold": report.disclosure.threshold}


def disclosure_note(report: ActivityReport) -> str:
    """The legend, and what was masked to protect the reports already issued for the period."""
    disclosure = report.disclosure
    if disclosure is None:
        return ""
    parts = [disclosure_legend(report) + "."]
    if disclosure.added_for_issued:
        parts.append(
            _(
                "%(count)s chiffres de plus sont masqués pour que ce bilan, lu avec ceux déjà émis "
                "pour la même période (%(reports)s), ne permette pas de retrouver un chiffre masqué."
            )
            % {"count": disclosure.added_for_issued, "reports": " ; ".join(disclosure.issued_with)}
        )
    elif disclosure.issued_with and disclosure.checked_with_issued:
        parts.append(
            _("Vérifié avec les bilans déjà émis pour la même période (%(reports)s).")
            % {"reports": " ; ".join(disclosure.issued_with)}
        )
    elif disclosure.issued_with:
        parts.append(
            _(
                "Les enregistrements ont changé depuis l'émission des bilans de la même période "
                "(%(reports)s) : ce bilan est protégé seul."
            )
            % {"reports": " ; ".join(disclosure.issued_with)}
        )
    return " ".join(parts)


def format_value(value, *, column: str) -> str:
    if isinstance(value, str):
        return value  # already a text: the mark of a masked figure
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral() else value.quantize(Decimal("0.1"))
        text = number_format(value, decimal_pos=0 if value == value.to_integral() else 1, force_grouping=True)
    else:
        text = number_format(value, force_grouping=True)
    if column == keys.PERCENT:
        return f"{text}\u202f%"
    if column == keys.AVERAGE_AGE:
        return _("%(age)s ans") % {"age": text}
    return text


@dataclass(frozen=True)
class CellView:
    text: str
    href: str | None
    previous: str | None


@dataclass(frozen=True)
class RowView:
    label: str
    cells: tuple[CellView, ...]
    is_total: bool
    is_not_recorded: bool


@dataclass(frozen=True)
class TableView:
    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[RowView, ...]
    compared: bool
    legend: str = ""


LinkFor = Callable[[Cell], str | None]


def table_view(
    table: Table, *, link_for: LinkFor | None = None, compared: bool = False, legend: str = ""
) -> TableView:
    headers = []
    for column in table.columns:
        headers.append(column.label)
        if compared:
            headers.append(_("%(column)s (période précédente)") % {"column": column.label})

    def cell_view(cell: Cell) -> CellView:
        column = cell.key.column
        href = link_for(cell) if link_for and cell.value and column not in DERIVED_COLUMNS else None
        previous = None
        if compared:
            previous = hidden_text() if cell.previous_hidden else format_value(cell.previous, column=column)
        if cell.hidden:
            return CellView(hidden_text(column), None, previous)
        return CellView(format_value(cell.value, column=column), href, previous)

    rows = tuple(
        RowView(
            label=row.label,
            cells=tuple(cell_view(cell) for cell in row.cells),
            is_total=row.key == keys.TOTAL,
            is_not_recorded=row.key in (keys.NOT_RECORDED, keys.OUTSIDE_BRACKETS),
        )
        for row in table.all_rows
    )
    return TableView(table.key, table.title, tuple(headers), rows, compared, legend)


def masks(table: Table) -> bool:
    return any(cell.hidden or cell.previous_hidden for row in table.all_rows for cell in row.cells)


def report_tables(report: ActivityReport, *, link_for: LinkFor | None = None) -> list[TableView]:
    compared = report.previous_scope is not None
    legend = disclosure_legend(report)
    return [
        table_view(table, link_for=link_for, compared=compared, legend=legend if masks(table) else "")
        for table in report.tables
    ]


@dataclass(frozen=True)
class DisclosurePreview:
    """What the team leader reads before issuing: how many figures the funders will see as
    « s », and the true value of each."""

    summary: str
    lines: tuple[tuple[str, str], ...]


def disclosure_preview(report: ActivityReport, plan) -> DisclosurePreview:
    """``plan``: the ExternalPlan of ``report`` (disclosure.external_plan)."""
    summary = ngettext(
        "Version pour les financeurs : %(masked)s chiffre sera masqué (« s »), dont %(others)s "
        "pour protéger les autres — secret statistique, seuil %(threshold)s.",
        "Version pour les financeurs : %(masked)s chiffres seront masqués (« s »), dont %(others)s "
        "pour protéger les autres — secret statistique, seuil %(threshold)s.",
        plan.masked,
    ) % {"masked": plan.masked, "others": plan.for_others, "threshold": plan.report.disclosure.threshold}
    lines = []
    for figure in plan.figures:
        place = figure.places[0]
        table = report.table(place.table)
        column = next(column.label for column in table.columns if column.key == place.column)
        where = f"{table.title} — {table.row(place.row).label}, {column}"
        lines.append((where, format_value(figure.value, column=place.column)))
    return DisclosurePreview(summary, tuple(lines))
