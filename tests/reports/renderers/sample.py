"""A small but realistic report, built from the dataclasses: the seed's figures.

Renderer tests use it so they do not depend on the database or on the engine.
"""

import datetime
from dataclasses import replace
from decimal import Decimal

from carnet.organisations.models import Organisation, Team
from carnet.reports.report import (
    ActionItem,
    ActivityReport,
    Cell,
    CellKey,
    CellValue,
    Column,
    DataGap,
    Missing,
    Row,
    Table,
)
from carnet.reports.rules import keys
from carnet.reports.scope import ReportScope

SEXES = ("H", "F", "NB", keys.NOT_RECORDED)


def row(table: str, key: str, label: str, values: dict[str, CellValue], previous=None) -> Row:
    previous = previous or {}
    cells = tuple(
        Cell(CellKey(table, key, column), value, previous.get(column)) for column, value in values.items()
    )
    return Row(key=key, label=label, cells=cells)


def domains_table() -> Table:
    figures = [
        ("comportement", "Comportement", 73, 37, 22),
        ("sante", "Santé / Bien être", 53, 33, 16),
        ("scolarite", "Scolarité", 51, 28, 15),
        ("famille", "Famille", 45, 20, 13),
        ("justice", "Justice", 3, 3, 1),
    ]
    return Table(
        key=keys.DOMAINS,
        title="Domaines travaillés",
        columns=(
            Column(keys.INTERVENTIONS, "Total"),
            Column(keys.YOUTHS, "Jeunes"),
            Column(keys.PERCENT, "%"),
        ),
        rows=tuple(
            row(keys.DOMAINS, code, label, {keys.INTERVENTIONS: n, keys.YOUTHS: y, keys.PERCENT: p})
            for code, label, n, y, p in figures
        ),
        percent_of=225,
    )


def age_table() -> Table:
    figures = [
        ("6-9", "6 - 9 ans", (4, 1, 0, 0), 7),
        ("10-11", "10 - 11 ans", (6, 5, 0, 0), 16),
        ("12-15", "12 - 15 ans", (22, 16, 0, 0), 56),
        ("16-17", "16 - 17 ans", (5, 5, 0, 0), 15),
        (keys.NOT_RECORDED, "Non renseigné", (1, 0, 0, 1), None),
    ]
    rows = []
    for code, label, by_sex, share in figures:
        values = {keys.YOUTHS: sum(by_sex), **dict(zip(SEXES, by_sex, strict=True)), keys.PERCENT: share}
        rows.append(row(keys.AGE, code, label, values))
    total = row(
        keys.AGE,
        keys.TOTAL,
        "Total",
        {keys.YOUTHS: 66, "H": 38, "F": 27, "NB": 0, keys.NOT_RECORDED: 1, keys.PERCENT: None},
    )
    return Table(
        key=keys.AGE,
        title="Répartition par âge et par sexe",
        columns=(
            Column(keys.YOUTHS, "Nombre de jeunes"),
            *(Column(sex, sex) for sex in ("H", "F", "NB")),
            Column(keys.NOT_RECORDED, "Non renseigné"),
            Column(keys.PERCENT, "%"),
        ),
        rows=tuple(rows),
        total=total,
        percent_of=64,
    )


def origin_table() -> Table:
    figures = [
        ("presence-sociale", "Présence sociale", (29, 18, 0, 0), 69),
        ("tiers", "Tiers", (6, 7, 0, 0), 19),
        ("partenaire", "Partenaire", (4, 2, 0, 0), 9),
        ("demarche", "Démarche personnelle du jeune", (1, 1, 0, 0), 3),
    ]
    rows = tuple(
        row(
            keys.ORIGIN,
            code,
            label,
            {keys.YOUTHS: sum(by_sex), **dict(zip(SEXES, by_sex, strict=True)), keys.PERCENT: share},
        )
        for code, label, by_sex, share in figures
    )
    return Table(
        key=keys.ORIGIN,
        title="Origine de la rencontre",
        columns=(
            Column(keys.YOUTHS, "Total"),
            *(Column(sex, sex) for sex in ("H", "F", "NB")),
            Column(keys.NOT_RECORDED, "Non renseigné"),
            Column(keys.PERCENT, "%"),
        ),
        rows=rows,
        percent_of=68,
    )


def sex_table() -> Table:
    values = {
        "H": (40, 13, 59),
        "F": (28, None, 41),
    }
    columns = (keys.YOUTHS, keys.AVERAGE_AGE, keys.PERCENT)
    return Table(
        key=keys.SEX,
        title="Répartition par sexe",
        columns=(
            Column(keys.YOUTHS, "Nombre de jeunes"),
            Column(keys.AVERAGE_AGE, "Âge moyen"),
            Column(keys.PERCENT, "%"),
        ),
        rows=tuple(
            row(keys.SEX, sex, label, dict(zip(columns, values[sex], strict=True)))
            for sex, label in (("H", "Homme"), ("F", "Femme"))
        ),
        total=row(keys.SEX, keys.TOTAL, "Total", {keys.YOUTHS: 68, keys.AVERAGE_AGE: 13, keys.PERCENT: None}),
        percent_of=68,
    )


def presence_table() -> Table:
    def make(key, label, sessions, minutes, met):
        return row(keys.PRESENCE, key, label, {keys.SESSIONS: sessions, keys.HOURS: minutes, keys.MET: met})

    return Table(
        key=keys.PRESENCE,
        title="Présence sociale",
        columns=(
            Column(keys.SESSIONS, "Séances"),
            Column(keys.HOURS, "Heures"),
            Column(keys.MET, "Jeunes rencontrés"),
        ),
        rows=(
            make("rue", "Travail de rue", 96, Decimal("192.5"), 211),
            make("local", "Présence au local", 27, Decimal("53.5"), 84),
        ),
        total=make(keys.TOTAL, "Total", 123, Decimal("246.0"), 295),
    )


def sample_report(*, compared: bool = False) -> ActivityReport:
    """The seed's team over 9 May – 31 December 2023; with ``compared``, previous values too."""
    team = Team(
        pk=7,
        name="EMPS Montigny-en-Gohelle",
        organisation=Organisation(pk=3, name="Association Rencontres et Loisirs"),
    )
    scope = ReportScope(team=team, start=datetime.date(2023, 5, 9), end=datetime.date(2023, 12, 31))
    tables = (domains_table(), age_table(), sex_table(), origin_table(), presence_table())
    report = ActivityReport(
        scope=scope,
        youths=68,
        youths_in_contact=67,
        tables=tables,
        actions=(
            ActionItem(
                id=1,
                title="Séjour Marché de Noël Maastricht et Bruges",
                action_type="Séjour",
                category="Séjours",
                start_date=datetime.date(2023, 12, 16),
                end_date=datetime.date(2023, 12, 17),
                days=2,
                role="Porteur",
                participants=8,
            ),
            ActionItem(
                id=2,
                title="Découverte doublage avec l'école buissonnière",
                action_type="Atelier",
                category="Ateliers",
                start_date=datetime.date(2023, 10, 25),
                end_date=datetime.date(2023, 10, 25),
                days=1,
                role="Associé",
                participants=5,
            ),
        ),
        partners=("Centre social", "École buissonnière", "UFOLEP"),
        data_gaps=(
            DataGap(youth_id=41, display_name="Kylian D.", missing=(Missing.AGE, Missing.SEX)),
            DataGap(youth_id=42, display_name="Inès M.", missing=(Missing.ORIGIN,)),
        ),
    )
    if not compared:
        return report
    return with_previous(report)


def with_previous(report: ActivityReport) -> ActivityReport:
    """Every count cell gets a previous value of ``value - 1`` (percentages none)."""

    def previous(cell: Cell) -> Cell:
        value = cell.value
        if cell.key.column in (keys.PERCENT, keys.AVERAGE_AGE) or value is None:
            return cell
        return replace(cell, previous=value - 1 if value else 0)

    def row_with_previous(r: Row) -> Row:
        return replace(r, cells=tuple(previous(cell) for cell in r.cells))

    tables = tuple(
        replace(
            table,
            rows=tuple(row_with_previous(r) for r in table.rows),
            total=table.total and row_with_previous(table.total),
        )
        for table in report.tables
    )
    return replace(report, tables=tables, previous_scope=report.scope.previous())


NARRATIVE = {
    "mise_en_place": "- Recrutement le 11 mai 2023 de Monsieur Thomas Normand, référent de la commune.\n"
    "- Recrutement le 9 mai 2023 de Monsieur Jérôme Chavatte.",
    "action_generale": "Les professionnels ont participé à des temps partenariaux.\n"
    "- Réunions CAHC thématiques\n  - rencontres MDA, MDS",
    "perspectives": "Accéder au centre social sur des horaires atypiques.",
    "plus_value": "",
}


def words(text: str) -> str:
    """Text with every kind of space as one plain space, to compare figures like "1 234" or "22 %",
    and apostrophes straight: the documents print the typographic one (test_typography.py)."""
    return " ".join(text.replace("\u2019", "'").split())


def outline_of(report: ActivityReport, *, narrative=None, funders=(), external: bool = False, model=None):
    """The outline every renderer walks; ``funders`` are names (no logo)."""
    from carnet.reports.renderers.outline import FunderMark, build_outline

    marks = [FunderMark(name) if isinstance(name, str) else name for name in funders]
    return build_outline(report=report, narrative=narrative, funders=marks, external=external, model=model)
