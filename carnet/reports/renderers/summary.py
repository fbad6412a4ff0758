"""The seed's summary table: « Axe de travail / Modalité d'action / Nombre de jeunes /
partenaires mobilisés », with its phrasing (« 32 ateliers, 32 sorties et un séjour
(2 jours) », « 5 initiées et 27 en associé », « Non objectivé — 246 heures »)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..figures import Figure
from ..presentation import format_value
from ..report import ActivityReport
from ..rules import keys
from .outline_parts import FigureCell, Grid, GridRow, cell_text

SUMMARY = "summary"

# « un atelier », « une sortie »: the seed writes a single one in words.
ONE = {"atelier": "un atelier", "sortie": "une sortie", "séjour": "un séjour"}


def count_words(count: int, singular: str, plural: str) -> str:
    if count == 1 and singular in ONE:
        return ONE[singular]
    return f"{format_value(count, column=keys.COUNT)} {singular if count < 2 else plural}"


def french_list(parts: list[str]) -> str:
    """« a, b et c »."""
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s et %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def collective_actions_phrase(figures: dict[str, Figure]) -> str:
    def value(key: str) -> int:
        figure = figures.get(key)
        return int(figure.value or 0) if figure is not None else 0

    parts = []
    for key, singular, plural in (("workshops", "atelier", "ateliers"), ("outings", "sortie", "sorties")):
        if value(key):
            parts.append(count_words(value(key), singular, plural))
    if value("trips"):
        days = value("trip_days")
        trips = count_words(value("trips"), "séjour", "séjours")
        parts.append(f"{trips} ({count_words(days, 'jour', 'jours')})" if days else trips)
    return french_list(parts) or _("Aucune action collective")


def dsl_phrase(figures: dict[str, Figure]) -> str:
    initiated = int(figures["dsl_initiated"].value or 0) if "dsl_initiated" in figures else 0
    associated = int(figures["dsl_associated"].value or 0) if "dsl_associated" in figures else 0
    parts = []
    if initiated:
        parts.append(ngettext("%(n)s initiée", "%(n)s initiées", initiated) % {"n": initiated})
    if associated:
        parts.append(_("%(n)s en associé") % {"n": associated})
    return french_list(parts) or _("Aucune action DSL")


def presence_phrase(figures: dict[str, Figure]) -> str:
    hours = figures.get("presence_hours")
    if hours is None or not hours.value:
        return _("Non objectivé")
    return _("Non objectivé — %(hours)s") % {"hours": hours.with_unit()}


def summary_grid(report: ActivityReport, figures: dict[str, Figure]) -> Grid:
    def text(value: str) -> FigureCell:
        return FigureCell(value, value)

    rows = []
    try:
        modalities = [row for row in report.table(keys.MODALITY).rows if row.key != keys.NOT_RECORDED]
    except KeyError:
        modalities = []
    partners = ", ".join(report.partners)
    for index, row in enumerate(modalities):
        cell = row.cell(keys.YOUTHS)
        rows.append(
            GridRow(
                label=_("Accompagnement") if index == 0 else "",
                cells=(
                    text(row.label),
                    FigureCell(cell_text(cell), cell.value, None, cell),
                    text(partners if index == 0 else ""),
                ),
            )
        )
    rows.append(
        GridRow(
            _("Actions"), (text(_("Actions collectives")), text(collective_actions_phrase(figures)), text(""))
        )
    )
    rows.append(GridRow("", (text(_("Actions DSL (sur le quartier)")), text(dsl_phrase(figures)), text(""))))
    try:
        kinds = [row.label for row in report.table(keys.PRESENCE).rows]
    except KeyError:
        kinds = []
    presence = ", ".join(kinds[:1] + [kind[:1].lower() + kind[1:] for kind in kinds[1:]]) or _(
        "Présence sociale"
    )
    rows.append(GridRow(_("Présence sociale"), (text(presence), text(presence_phrase(figures)), text(""))))
    return Grid(
        key=SUMMARY,
        title=_("Synthèse de l'activité"),
        row_header=_("Axe de travail"),
        headers=(_("Modalité d'action"), _("Nombre de jeunes"), _("Partenaires mobilisés")),
        rows=tuple(rows),
        numeric=(False, False, False),
        column_keys=("modality", "youths", "partners"),
    )
