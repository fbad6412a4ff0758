"""Build the report object of a scope from the counting rules.

The rules count in the database (one GROUP BY for the youth tables, one per
other table); this module only
lays the figures out: rows from the referentials, in their order, French
labels, totals and percentages. The number of queries is fixed, whatever the
number of records.
"""

from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple, TypeVar

from django.db.models import Model
from django.utils.translation import gettext as _

from carnet.activity.models import ActionRole
from carnet.referentials.models import (
    ActionCategory,
    ActionType,
    AgeBracket,
    Domain,
    MeetingKind,
    Modality,
    Origin,
    PresenceKind,
    Situation,
)
from carnet.youths.models import Sex

from . import rules
from .data_gaps import data_gaps
from .model_tables import ModelTableOptions, model_tables
from .referential_rows import Referentials, load_referentials, referential_rows
from .report import ActionItem, ActivityReport, Cell, CellKey, CellValue, Column, Row, Table
from .rules import keys
from .rules.arithmetic import average, hours, percent
from .scope import ReportScope
from .team_work_tables import diagnostic_table, paei_table

Figures = TypeVar("Figures", bound=NamedTuple)


def build_report(
    *, scope: ReportScope, compare_with_previous: bool = False, options: ModelTableOptions | None = None
) -> ActivityReport:
    """The activity report of ``scope``.

    With ``compare_with_previous``, every cell also carries its value over the
    period of the same length just before (``Cell.previous``). ``options`` adds the
    tables a report model asks for (model_tables.py).
    """
    options = options or ModelTableOptions()
    report = _build(scope, options)
    if compare_with_previous:
        report = _with_previous(report, _build(scope.previous(), options))
    return report


def _build(scope: ReportScope, options: ModelTableOptions) -> ActivityReport:
    report = _build_seed_tables(scope)
    extra = model_tables(scope=scope, options=options, tables=report.tables)
    return replace(report, tables=(*report.tables, *extra)) if extra else report


def _build_seed_tables(scope: ReportScope) -> ActivityReport:
    # The youths are read once: every youth table sums the same groups.
    reading = rules.read_youths(scope=scope)
    groups = reading.groups
    refs = load_referentials(scope=scope)
    modalities = rules.count_youths_by_modality(scope=scope, groups=groups)
    youths = sum(modalities.values())
    youths_in_contact = youths - modalities.get(keys.NOT_RECORDED, 0)
    return ActivityReport(
        scope=scope,
        youths=youths,
        youths_in_contact=youths_in_contact,
        tables=(
            _modality_table(refs, modalities),
            _age_table(refs, rules.count_youths_by_age_and_sex(scope=scope, groups=groups)),
            _sex_table(scope, youths, rules.count_youths_by_sex(scope=scope, groups=groups)),
            _by_sex_table(
                refs,
                key=keys.ORIGIN,
                title=_("Origine de la rencontre"),
                referential=Origin,
                counts=rules.count_youths_by_origin_and_sex(scope=scope, groups=groups),
            ),
            _by_sex_table(
                refs,
                key=keys.SITUATION,
                title=_("Situation en fin de période"),
                referential=Situation,
                counts=rules.count_youths_by_situation_and_sex(scope=scope, groups=groups),
            ),
            _domain_table(scope, refs),
            *_action_tables(scope, refs),
            _general_action_table(scope, youths, youths_in_contact),
            paei_table(scope, refs),
            diagnostic_table(scope),
            _presence_table(scope, refs),
            _meeting_table(scope, refs),
        ),
        actions=_action_items(scope),
        partners=tuple(rules.partners_mobilised(scope=scope).values_list("name", flat=True)),
        data_gaps=data_gaps(gaps=reading.gaps),
    )


def _action_items(scope: ReportScope) -> tuple[ActionItem, ...]:
    return tuple(
        ActionItem(
            id=group.first_id,
            title=group.title,
            action_type=group.action_type,
            category=group.category,
            start_date=group.first_date,
            end_date=group.last_date,
            days=group.days,
            role=group.role,
            participants=group.participants,
            actions=group.actions,
        )
        for group in rules.collective_actions_list(scope=scope)
    )


def _row(table: str, key: str, label: str, values: dict[str, CellValue]) -> Row:
    cells = tuple(Cell(CellKey(table, key, column), value) for column, value in values.items())
    return Row(key=key, label=str(label), cells=cells)


def _summed(figures_type: type[Figures], figures: Iterable[Figures]) -> Figures:
    """The field-by-field sum of named figures (all zeros without any)."""
    every = list(figures)
    return figures_type(*(sum(getattr(each, name) for each in every) for name in figures_type._fields))


def _modality_table(refs: Referentials, counts: dict[str, int]) -> Table:
    rows = referential_rows(refs, Modality, set(counts))
    rows.append((keys.NOT_RECORDED, _("Non renseigné")))

    def make(key: str, label: str, youths: int) -> Row:
        return _row(keys.MODALITY, key, label, {keys.YOUTHS: youths})

    return Table(
        key=keys.MODALITY,
        title=_("Modalités d'accompagnement"),
        columns=(Column(keys.YOUTHS, _("Nombre de jeunes")),),
        rows=tuple(make(key, label, counts.get(key, 0)) for key, label in rows),
        total=make(keys.TOTAL, _("Total"), sum(counts.values())),
    )


def _age_table(refs: Referentials, counts: dict[tuple[str, str], int]) -> Table:
    return _by_sex_table(
        refs,
        key=keys.AGE,
        title=_("Répartition par âge et par sexe"),
        referential=AgeBracket,
        counts=counts,
        first_column=_("Nombre de jeunes"),
        outside_brackets=any(row == keys.OUTSIDE_BRACKETS for row, _sex in counts),
    )


def _by_sex_table(
    refs: Referentials,
    *,
    key: str,
    title: str,
    referential: type[Model],
    counts: dict[tuple[str, str], int],
    first_column: str | None = None,
    outside_brackets: bool = False,
) -> Table:
    """Rows of a referential by sex; % over the youths whose value is known."""
    rows = referential_rows(refs, referential, {row for row, _sex in counts})
    if outside_brackets:
        rows.append((keys.OUTSIDE_BRACKETS, _("Hors tranches")))
    rows.append((keys.NOT_RECORDED, _("Non renseigné")))
    columns = (
        Column(keys.YOUTHS, first_column or _("Total")),
        *(Column(sex, sex) for sex in Sex.values),
        Column(keys.NOT_RECORDED, _("Non renseigné")),
        Column(keys.PERCENT, "%"),
    )
    total = sum(counts.values())
    known = total - sum(n for (row, _sex), n in counts.items() if row == keys.NOT_RECORDED)

    def make(row_key: str, label: str) -> Row:
        by_sex = {
            sex: sum(n for (row, s), n in counts.items() if s == sex and row_key in (row, keys.TOTAL))
            for sex in rules.youths.SEX_COLUMNS
        }
        youths = sum(by_sex.values())
        share = percent(youths, known) if row_key not in (keys.NOT_RECORDED, keys.TOTAL) else None
        return _row(key, row_key, label, {keys.YOUTHS: youths, **by_sex, keys.PERCENT: share})

    return Table(
        key=key,
        title=title,
        columns=columns,
        rows=tuple(make(row_key, label) for row_key, label in rows),
        total=make(keys.TOTAL, _("Total")),
        percent_of=known,
    )


def _sex_table(scope: ReportScope, youths: int, figures: dict[str, rules.youth_tables.SexFigures]) -> Table:
    labels = [*Sex.choices, (keys.NOT_RECORDED, _("Non renseigné"))]

    def make(row_key: str, label: str, youths_of_row: int, known_ages: int, age_total: int) -> Row:
        return _row(
            keys.SEX,
            row_key,
            label,
            {
                keys.YOUTHS: youths_of_row,
                keys.AVERAGE_AGE: average(age_total, known_ages),
                keys.PERCENT: percent(youths_of_row, youths) if row_key != keys.TOTAL else None,
            },
        )

    none = rules.youth_tables.SexFigures(0, 0, 0)
    return Table(
        key=keys.SEX,
        title=_("Répartition par sexe"),
        columns=(
            Column(keys.YOUTHS, _("Nombre de jeunes")),
            Column(keys.AVERAGE_AGE, _("Âge moyen")),
            Column(keys.PERCENT, "%"),
        ),
        rows=tuple(make(sex, label, *figures.get(sex, none)) for sex, label in labels),
        total=make(keys.TOTAL, _("Total"), *_summed(rules.youth_tables.SexFigures, figures.values())),
        percent_of=youths,
    )


def _domain_table(scope: ReportScope, refs: Referentials) -> Table:
    counts = rules.count_interventions_by_domain(scope=scope)
    domains = referential_rows(refs, Domain, set(counts))
    whole = sum(figures.interventions for figures in counts.values())
    none = rules.activity.DomainFigures(0, 0)
    # Rows by decreasing number of interventions, as funders read them; ties in referential order.
    order = sorted(range(len(domains)), key=lambda i: (-counts.get(domains[i][0], none).interventions, i))
    rows = []
    for index in order:
        code, label = domains[index]
        interventions, youths = counts.get(code, none)
        values = {keys.INTERVENTIONS: interventions, keys.YOUTHS: youths}
        rows.append(_row(keys.DOMAINS, code, label, {**values, keys.PERCENT: percent(interventions, whole)}))
    return Table(
        key=keys.DOMAINS,
        title=_("Domaines travaillés"),
        columns=(
            Column(keys.INTERVENTIONS, _("Total")),
            Column(keys.YOUTHS, _("Jeunes")),
            Column(keys.PERCENT, "%"),
        ),
        rows=tuple(rows),
        percent_of=whole,
    )


def _action_tables(scope: ReportScope, refs: Referentials) -> tuple[Table, Table, Table]:
    columns = (Column(keys.ACTIONS, _("Nombre d'actions")), Column(keys.DAYS, _("Jours")))
    none = rules.activity.ActionFigures(0, 0)

    def table(key: str, title: str, rows: list[tuple[str, str]], counts: dict) -> Table:
        def make(row_key: str, label: str, figures: rules.activity.ActionFigures) -> Row:
            return _row(key, row_key, label, {keys.ACTIONS: figures.actions, keys.DAYS: figures.days})

        summed = _summed(rules.activity.ActionFigures, counts.values())
        return Table(
            key=key,
            title=title,
            columns=columns,
            rows=tuple(make(code, label, counts.get(code, none)) for code, label in rows),
            total=make(keys.TOTAL, _("Total"), summed),
        )

    by_type = rules.count_actions_by_type(scope=scope)
    by_role = rules.count_local_development_actions_by_role(scope=scope)
    dsl_rows = tuple(
        _row(keys.DSL, role, label, {keys.ACTIONS: by_role.get(role, 0)})
        for role, label in ActionRole.choices
    )
    return (
        table(
            keys.ACTION_CATEGORIES,
            _("Actions collectives par catégorie"),
            list(ActionCategory.choices),
            rules.count_actions_by_category(scope=scope),
        ),
        table(
            keys.ACTION_TYPES,
            _("Actions collectives par type"),
            referential_rows(refs, ActionType, set(by_type)),
            by_type,
        ),
        Table(
            key=keys.DSL,
            title=_("Actions de développement social local"),
            columns=(Column(keys.ACTIONS, _("Nombre d'actions")),),
            rows=dsl_rows,
            total=_row(keys.DSL, keys.TOTAL, _("Total"), {keys.ACTIONS: sum(by_role.values())}),
        ),
    )


def _general_action_table(scope: ReportScope, youths: int, youths_in_contact: int) -> Table:
    figures = rules.count_general_action(scope=scope)
    rows = {
        keys.YOUTHS_MET: (_("Jeunes rencontrés dans la période"), youths),
        keys.YOUTHS_IN_CONTACT: (
            _("Jeunes en contact (avec une modalité d'accompagnement)"),
            youths_in_contact,
        ),
        keys.COMMUNE_EVENTS: (_("Événements initiés par les communes"), figures.commune_events),
        keys.AFTER_NEEDS_STUDY: (_("Actions réalisées après étude de besoin"), figures.after_needs_study),
        keys.PAEI_REVIEWED: (
            _("Jeunes en PAEI dont le projet a fait l'objet d'un point"),
            rules.youths_with_paei_review(scope=scope).count(),
        ),
    }
    return Table(
        key=keys.GENERAL_ACTION,
        title=_("Action générale"),
        columns=(Column(keys.COUNT, _("Nombre")),),
        rows=tuple(
            _row(keys.GENERAL_ACTION, key, label, {keys.COUNT: n}) for key, (label, n) in rows.items()
        ),
    )


def _presence_table(scope: ReportScope, refs: Referentials) -> Table:
    counts = rules.count_presence_by_kind(scope=scope)
    none = rules.activity.PresenceFigures(0, 0, 0)

    def make(key: str, label: str, figures: rules.activity.PresenceFigures) -> Row:
        values = {keys.SESSIONS: figures.sessions, keys.HOURS: hours(figures.minutes)}
        return _row(keys.PRESENCE, key, label, {**values, keys.MET: figures.youths_met})

    summed = _summed(rules.activity.PresenceFigures, counts.values())
    return Table(
        key=keys.PRESENCE,
        title=_("Présence sociale"),
        columns=(
            Column(keys.SESSIONS, _("Séances")),
            Column(keys.HOURS, _("Heures")),
            Column(keys.MET, _("Jeunes rencontrés")),
        ),
        rows=tuple(
            make(code, label, counts.get(code, none))
            for code, label in referential_rows(refs, PresenceKind, set(counts))
        ),
        total=make(keys.TOTAL, _("Total"), summed),
    )


def _meeting_table(scope: ReportScope, refs: Referentials) -> Table:
    counts = rules.count_meetings_by_kind(scope=scope)
    none = rules.activity.MeetingFigures(0, 0)

    def make(key: str, label: str, figures: rules.activity.MeetingFigures) -> Row:
        values = {keys.MEETING_COUNT: figures.meetings, keys.HOURS: hours(figures.minutes)}
        return _row(keys.MEETINGS, key, label, values)

    summed = _summed(rules.activity.MeetingFigures, counts.values())
    return Table(
        key=keys.MEETINGS,
        title=_("Réunions partenariales"),
        columns=(Column(keys.MEETING_COUNT, _("Réunions")), Column(keys.HOURS, _("Heures"))),
        rows=tuple(
            make(code, label, counts.get(code, none))
            for code, label in referential_rows(refs, MeetingKind, set(counts))
        ),
        total=make(keys.TOTAL, _("Total"), summed),
    )


def _with_previous(report: ActivityReport, previous: ActivityReport) -> ActivityReport:
    """``report`` whose cells carry the value of the same cell in ``previous`` (None if absent)."""
    before = {cell.key: cell.value for cell in previous.cells()}

    def row(r: Row) -> Row:
        return replace(r, cells=tuple(replace(cell, previous=before.get(cell.key)) for cell in r.cells))

    tables = tuple(
        replace(table, rows=tuple(row(r) for r in table.rows), total=table.total and row(table.total))
        for table in report.tables
    )
    return replace(report, tables=tables, previous_scope=previous.scope)
