"""The outline of a report's document, built once and walked by every renderer.

``build_outline`` reads the report object, the team's texts and a report model, and
decides everything a document shows: the title page, one list of key figures, the
sections in order, and in each section its written text, tables, charts and lists,
every figure already formatted (``presentation.format_value``). The page, the PDF,
the DOCX, the ODT, the XLSX and the JSON lay out this outline and nothing else, so they
cannot disagree on a figure, a title or the order of sections.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..figures import report_figures
from ..presentation import disclosure_legend, disclosure_note
from ..report import ActivityReport, Table
from ..report_models import NARRATIVE, ReportModel, builtin_model
from ..rules import keys
from .narrative import fill_tokens, narrative_blocks
from .outline_parts import (
    ACTIONS,
    CHART_TITLES,
    DATA_GAPS,
    DATA_GAPS_SHOWN,
    PARTNERS,
    ROW_HEADERS,
    Chart,
    FigureCell,
    FunderMark,
    Grid,
    GridRow,
    ItemList,
    KeyFigure,
    ListItem,
    Narrative,
    Outline,
    Section,
    actions_grid,
    cell_text,
    change_text,
    column_weights,
    period_text,
    previous_text,
    short_date,
    table_grid,
)
from .summary import SUMMARY, summary_grid

# The outline's pieces are read by the renderers from here.
__all__ = [
    "ACTIONS",
    "CHART_TITLES",
    "DATA_GAPS",
    "DATA_GAPS_SHOWN",
    "PARTNERS",
    "ROW_HEADERS",
    "Chart",
    "FigureCell",
    "FunderMark",
    "Grid",
    "GridRow",
    "ItemList",
    "KeyFigure",
    "ListItem",
    "Narrative",
    "Outline",
    "Section",
    "actions_grid",
    "build_outline",
    "cell_text",
    "change_text",
    "column_weights",
    "comparison_note",
    "named_figures",
    "period_text",
    "previous_text",
    "short_date",
    "table_grid",
]


def _same_rows(first: Table, second: Table) -> bool:
    """Two tables that print the same figures (action types mapped one to one on categories)."""

    def figures(table: Table) -> list[tuple]:
        return sorted(
            tuple(cell.value for cell in row.cells)
            for row in table.rows
            if any(cell.value for cell in row.cells)
        )

    return figures(first) == figures(second)


def _tables_to_print(report: ActivityReport) -> dict[str, Table]:
    tables = {table.key: table for table in report.tables}
    types, categories = tables.get(keys.ACTION_TYPES), tables.get(keys.ACTION_CATEGORIES)
    # With the default referential every type is its own category: one table says it all.
    if types is not None and categories is not None and _same_rows(types, categories):
        del tables[keys.ACTION_TYPES]
    return tables


def named_figures(report: ActivityReport) -> dict[str, KeyFigure]:
    """Every figure of the catalogue the report holds, as printed."""
    compared = report.previous_scope is not None
    named = {}
    for key, figure in report_figures(report).items():
        previous = previous_text(figure.cell) if compared and figure.cell is not None else None
        change = change_text(figure.cell) if compared and figure.cell is not None else ""
        value = None if figure.hidden else figure.value
        named[key] = KeyFigure(key, figure.label, figure.text, value, previous or None, change)
    return named


def _chart_makers() -> dict:
    from . import charts

    return {
        keys.DOMAINS: charts.domains_chart,
        keys.AGE: charts.age_sex_chart,
        keys.ORIGIN: charts.origin_chart,
    }


def build_outline(
    *,
    report: ActivityReport,
    model: ReportModel | None = None,
    narrative: dict[str, str] | None = None,
    funders: tuple[FunderMark, ...] | list[FunderMark] = (),
    external: bool = False,
    keep_empty: bool = False,
) -> Outline:
    """The document of ``report`` laid out by ``model`` (Carnet's default without one).

    A section left with nothing to show is left out, unless ``keep_empty`` (the page keeps
    the written sections still to write, to offer to write them).
    """
    model = model or builtin_model()
    narrative = narrative or {}
    scope = report.scope
    compared = report.previous_scope is not None
    tables = _tables_to_print(report)
    chart_makers = _chart_makers()
    figures = named_figures(report)
    legend = disclosure_legend(report)
    live = report_figures(report)
    territory = scope.commune.name if scope.commune else scope.name
    sections = []
    for spec in model.sections:
        blocks = []
        for name in spec.blocks:
            kind, _colon, key = name.partition(":")
            if name == NARRATIVE:
                source = narrative.get(spec.key, spec.text) or ""
                text = fill_tokens(source, live)
                if text.strip() or keep_empty:
                    blocks.append(Narrative(spec.key, narrative_blocks(text), source, text))
            elif name == SUMMARY:
                blocks.append(summary_grid(report, live))
            elif kind == "table" and key in tables:
                blocks.append(table_grid(tables[key], compared=compared, legend=legend))
            elif kind == "chart" and key in tables:
                blocks.append(Chart(key, str(CHART_TITLES[key]), chart_makers[key](report)))
            elif name == ACTIONS and report.actions:
                blocks.append(actions_grid(report.actions))
            elif name == PARTNERS and report.partners:
                blocks.append(ItemList(PARTNERS, tuple(ListItem(partner) for partner in report.partners)))
        if blocks:
            title = spec.title.replace("{territoire}", territory)
            sections.append(Section(spec.key, title, tuple(blocks)))
    if report.data_gaps and not external:
        sections.append(_data_gaps_section(report))
    return Outline(
        title=_("Bilan d'activité"),
        organisation=scope.owner.name,
        team=scope.name,
        team_short_name=scope.short_name,
        commune=scope.commune.name if scope.commune else "",
        period=period_text(scope),
        scope_label=scope.label,
        start=scope.start,
        end=scope.end,
        generated_on=timezone.localdate(),
        model=model.name,
        funders=tuple(funders),
        key_figures=tuple(figures[key] for key in model.key_figures if key in figures),
        sections=tuple(sections),
        figures=tuple(figures.values()),
        external=external,
        threshold=_threshold(report) if external else 0,
        disclosure_note=disclosure_note(report),
        disclosure_legend=legend,
        comparison_note=comparison_note(report),
        previous_period=period_text(report.previous_scope) if compared else "",
    )


def _data_gaps_section(report: ActivityReport) -> Section:
    gaps = report.data_gaps
    items = tuple(
        ListItem(gap.display_name, ", ".join(str(item.label) for item in gap.missing), gap.youth_id)
        for gap in gaps
    )
    note = _("%(count)s jeunes sont comptés dans une ligne « Non renseigné ».") % {"count": len(gaps)}
    if len(gaps) == 1:
        note = _("1 jeune est compté·e dans une ligne « Non renseigné ».")
    return Section(DATA_GAPS, _("Données manquantes"), (ItemList(DATA_GAPS, items, note),))


def comparison_note(report: ActivityReport) -> str:
    if report.previous_scope is None:
        return ""
    return _(
        "Entre parenthèses : la même donnée sur la période précédente, %(period)s, et son évolution "
        "(en pourcentage quand elle compte)."
    ) % {"period": period_text(report.previous_scope)}


def _threshold(report: ActivityReport) -> int:
    if report.disclosure is not None:
        return report.disclosure.threshold
    return settings.CARNET_SMALL_COUNT_THRESHOLD
