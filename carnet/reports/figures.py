"""The named figures of a report: what key figures, narrative tokens and models refer to.

A figure is one cell of a table of the report (or a count of one of its lists), so a
key figure or a sentence never says something a table contradicts: « actions
collectives » is the total of the table of collective actions, not the number of lines
of the action list. Each figure knows its unit (« 1 jeune », « 27 jeunes ») and the
cell it comes from, so the disclosure rules of the tables apply to it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .presentation import format_value, hidden_text
from .report import ActivityReport, Cell, CellKey, CellValue
from .rules import keys


@dataclass(frozen=True)
class FigureDefinition:
    """Where a figure is read: (table, row, column); ``row`` TOTAL for a total row.

    ``singular``/``plural`` name the unit for a sentence (« 27 événements »).
    """

    key: str
    label: str
    singular: str
    plural: str
    table: str
    row: str
    column: str


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: CellValue
    hidden: bool
    singular: str
    plural: str
    cell: Cell | None

    @property
    def text(self) -> str:
        """The figure alone, as a table prints it ("1 234", "246", "< 3")."""
        if self.hidden:
            return hidden_text(keys.COUNT)
        return format_value(self.value, column=self.column)

    @property
    def column(self) -> str:
        return self.cell.key.column if self.cell is not None else keys.COUNT

    def with_unit(self) -> str:
        """« 1 jeune », « 27 événements », « 246 heures »: French agreement (0 and 1 are singular)."""
        if self.hidden:
            return f"{self.text} {self.plural}"
        singular = self.value is not None and abs(self.value) < 2
        return f"{self.text} {self.singular if singular else self.plural}"


T = keys.TOTAL
CATALOGUE: tuple[FigureDefinition, ...] = tuple(
    FigureDefinition(key, str(label), *unit, table, row, column)
    for key, label, unit, table, row, column in (
        (
            "youths",
            _("Jeunes rencontrés dans la période"),
            ("jeune", "jeunes"),
            keys.GENERAL_ACTION,
            keys.YOUTHS_MET,
            keys.COUNT,
        ),
        (
            "youths_in_contact",
            _("Jeunes en contact"),
            ("jeune", "jeunes"),
            keys.GENERAL_ACTION,
            keys.YOUTHS_IN_CONTACT,
            keys.COUNT,
        ),
        ("paei_youths", _("Jeunes en PAEI"), ("jeune", "jeunes"), keys.MODALITY, "paei", keys.YOUTHS),
        ("asep_youths", _("Jeunes en ASEP"), ("jeune", "jeunes"), keys.MODALITY, "asep", keys.YOUTHS),
        (
            "hooked_youths",
            _("Jeunes en accroche"),
            ("jeune", "jeunes"),
            keys.MODALITY,
            "accroche",
            keys.YOUTHS,
        ),
        (
            "collective_actions",
            _("Actions collectives"),
            ("action collective", "actions collectives"),
            keys.ACTION_CATEGORIES,
            T,
            keys.ACTIONS,
        ),
        (
            "workshops",
            _("Ateliers"),
            ("atelier", "ateliers"),
            keys.ACTION_CATEGORIES,
            "workshop",
            keys.ACTIONS,
        ),
        ("outings", _("Sorties"), ("sortie", "sorties"), keys.ACTION_CATEGORIES, "outing", keys.ACTIONS),
        ("trips", _("Séjours"), ("séjour", "séjours"), keys.ACTION_CATEGORIES, "trip", keys.ACTIONS),
        ("trip_days", _("Jours de séjour"), ("jour", "jours"), keys.ACTION_CATEGORIES, "trip", keys.DAYS),
        (
            "dsl_initiated",
            _("Actions DSL initiées"),
            ("action", "actions"),
            keys.DSL,
            "initiated",
            keys.ACTIONS,
        ),
        (
            "dsl_associated",
            _("Actions DSL en associé"),
            ("action", "actions"),
            keys.DSL,
            "associated",
            keys.ACTIONS,
        ),
        (
            "commune_events",
            _("Événements initiés par les communes"),
            ("événement", "événements"),
            keys.GENERAL_ACTION,
            keys.COMMUNE_EVENTS,
            keys.COUNT,
        ),
        (
            "after_needs_study",
            _("Actions réalisées après étude de besoin"),
            ("action", "actions"),
            keys.GENERAL_ACTION,
            keys.AFTER_NEEDS_STUDY,
            keys.COUNT,
        ),
        (
            "paei_reviewed",
            _("Jeunes en PAEI dont le projet a fait l'objet d'un point"),
            ("jeune", "jeunes"),
            keys.GENERAL_ACTION,
            keys.PAEI_REVIEWED,
            keys.COUNT,
        ),
        (
            "presence_hours",
            _("Heures de présence sociale"),
            ("heure", "heures"),
            keys.PRESENCE,
            T,
            keys.HOURS,
        ),
        (
            "presence_sessions",
            _("Séances de présence sociale"),
            ("séance", "séances"),
            keys.PRESENCE,
            T,
            keys.SESSIONS,
        ),
        (
            "meetings",
            _("Réunions partenariales"),
            ("réunion", "réunions"),
            keys.MEETINGS,
            T,
            keys.MEETING_COUNT,
        ),
        (
            "meeting_hours",
            _("Heures de réunions partenariales"),
            ("heure", "heures"),
            keys.MEETINGS,
            T,
            keys.HOURS,
        ),
        (
            "diagnostics",
            _("Diagnostics territoriaux partagés"),
            ("diagnostic territorial partagé", "diagnostics territoriaux partagés"),
            keys.DIAGNOSTICS,
            T,
            keys.COUNT,
        ),
        (
            "paei_goals",
            _("Objectifs de PAEI revus"),
            ("objectif", "objectifs"),
            keys.PAEI_GOALS,
            T,
            keys.GOALS,
        ),
    )
)
# Counted from the report's lists rather than a table.
PARTNERS = "partners"
PARTNERS_LABEL = _("Partenaires mobilisés")

BY_KEY = {definition.key: definition for definition in CATALOGUE}


def known_keys() -> set[str]:
    return {*BY_KEY, PARTNERS}


def report_figures(report: ActivityReport) -> dict[str, Figure]:
    """Every figure of the catalogue the report holds, by key, in catalogue order."""
    figures = {}
    tables = {table.key: table for table in report.tables}
    for definition in CATALOGUE:
        table = tables.get(definition.table)
        if table is None:
            continue
        try:
            cell = table.cell(definition.row, definition.column)
        except KeyError:
            continue
        figures[definition.key] = Figure(
            definition.key,
            definition.label,
            cell.value,
            cell.hidden,
            definition.singular,
            definition.plural,
            cell,
        )
    # The youths of the report are the report's own figures, whatever tables it holds.
    for key, value in (("youths", report.youths), ("youths_in_contact", report.youths_in_contact)):
        if key not in figures:
            definition = BY_KEY[key]
            cell = Cell(CellKey(definition.table, definition.row, definition.column), value)
            figures[key] = Figure(
                key, definition.label, value, False, definition.singular, definition.plural, cell
            )
    figures = {key: figures[key] for key in BY_KEY if key in figures}
    partners = len(report.partners)
    figures[PARTNERS] = Figure(
        PARTNERS,
        str(PARTNERS_LABEL),
        partners,
        False,
        "partenaire",
        "partenaires",
        Cell(CellKey("partners", T, keys.COUNT), partners),
    )
    return figures


def figure_picker(report: ActivityReport) -> list[dict[str, str]]:
    """The figures a text can hold, each with its token and its current value (« 67 jeunes »)."""
    return [
        {"token": f"{{{figure.key}}}", "label": figure.label, "value": figure.with_unit()}
        for figure in report_figures(report).values()
    ]
