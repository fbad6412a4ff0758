"""Tables a report model asks for beyond the seed's: a département's grid.

A département reads its prévention spécialisée as a child-protection mission: how
many youths are of the age it funds (its target range is its own: 11–16, 11–18,
12–21…), where they live (quartiers prioritaires or not), and how the team's time
splits between street presence, individual accompaniment, collective actions and
partnership. Built only when a model needs them (one query each), laid out like the
tables of ``build``.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from . import rules
from .report import Cell, CellKey, CellValue, Column, Row, Table
from .rules import keys
from .rules.arithmetic import percent
from .scope import ReportScope

TARGET_AGE = "target_age"
QUARTIERS = "quartiers"
TEAM_TIME = "team_time"
MODEL_TABLES = (TARGET_AGE, QUARTIERS, TEAM_TIME)
# Tables whose cells count youths: the external version protects them (disclosure/system.py).
YOUTH_COUNT_TABLES = (TARGET_AGE, QUARTIERS)
# Row keys of the quartier table: a reader knows which quartiers are prioritaires (the label
# says so) and that their rows add up to the QPV line, so disclosure control must know it too.
QPV_ROW, IN_QPV, OUTSIDE_QPV = "qpv", "qpv-", "quartier-"

BELOW, WITHIN, ABOVE = "below", "within", "above"
SEXES = ("H", "F", "NB", keys.NOT_RECORDED)


@dataclass(frozen=True)
class ModelTableOptions:
    """What a model asks for: which of MODEL_TABLES, and the département's target ages."""

    tables: tuple[str, ...] = ()
    target_age: tuple[int, int] = (11, 18)


def _row(table: str, key: str, label: str, values: dict[str, CellValue]) -> Row:
    cells = tuple(Cell(CellKey(table, key, column), value) for column, value in values.items())
    return Row(key=key, label=str(label), cells=cells)


def model_tables(
    *, scope: ReportScope, options: ModelTableOptions, tables: tuple[Table, ...]
) -> tuple[Table, ...]:
    built = []
    if TARGET_AGE in options.tables:
        built.append(target_age_table(scope, *options.target_age))
    if QUARTIERS in options.tables:
        built.append(quartier_table(scope))
    if TEAM_TIME in options.tables:
        built.append(team_time_table(scope, {table.key: table for table in tables}))
    return tuple(built)


def target_age_table(scope: ReportScope, low: int, high: int) -> Table:
    """Youths of the report below, within and above the target ages (age on the period's last day, R4)."""
    youths = rules.youths_in_report(scope=scope, with_keys=False)
    counts: dict[tuple[str, str], int] = {}

    def band(age: int | None) -> str:
        if age is None:
            return keys.NOT_RECORDED
        return BELOW if age < low else ABOVE if age > high else WITHIN

    for age, sex, n in (
        youths.values_list("age", "sex_key").annotate(n=Count("pk")).values_list("age", "sex_key", "n")
    ):
        counts[(band(age), sex)] = counts.get((band(age), sex), 0) + n
    rows = (
        (BELOW, _("Moins de %(low)s ans") % {"low": low}),
        (WITHIN, _("De %(low)s à %(high)s ans (public cible)") % {"low": low, "high": high}),
        (ABOVE, _("Plus de %(high)s ans") % {"high": high}),
        (keys.NOT_RECORDED, _("Âge non renseigné")),
    )
    known = sum(n for (row, _sex), n in counts.items() if row != keys.NOT_RECORDED)

    def make(key: str, label: str) -> Row:
        by_sex = {
            sex: sum(n for (r, s), n in counts.items() if s == sex and key in (r, keys.TOTAL))
            for sex in SEXES
        }
        youths_of_row = sum(by_sex.values())
        share = percent(youths_of_row, known) if key not in (keys.NOT_RECORDED, keys.TOTAL) else None
        return _row(TARGET_AGE, key, label, {keys.YOUTHS: youths_of_row, **by_sex, keys.PERCENT: share})

    return Table(
        key=TARGET_AGE,
        title=_("Jeunes au regard du public cible du département (%(low)s–%(high)s ans)")
        % {"low": low, "high": high},
        columns=(
            Column(keys.YOUTHS, _("Jeunes")),
            *(Column(sex, sex) for sex in SEXES[:3]),
            Column(keys.NOT_RECORDED, _("Sexe non renseigné")),
            Column(keys.PERCENT, "%"),
        ),
        rows=tuple(make(key, label) for key, label in rows),
        total=make(keys.TOTAL, _("Total")),
        percent_of=known,
    )


def quartier_table(scope: ReportScope) -> Table:
    """Youths of the report by the quartier they live in, quartiers prioritaires (QPV) first."""
    youths = rules.youths_in_report(scope=scope, with_keys=False)
    groups = youths.values_list(
        "quartier_id", "quartier__name", "quartier__commune__name", "quartier__is_qpv"
    )
    found = list(groups.annotate(n=Count("pk")).order_by())
    total = sum(row[-1] for row in found)
    known = [row for row in found if row[0] is not None]
    known.sort(key=lambda row: (not row[3], row[2], row[1]))
    rows = []
    for quartier_id, name, commune, is_qpv, n in known:
        where = f"{name} ({commune})" if scope.commune is None else name
        label = _("%(quartier)s — QPV") % {"quartier": where} if is_qpv else where
        rows.append(
            _row(
                QUARTIERS,
                f"{IN_QPV if is_qpv else OUTSIDE_QPV}{quartier_id}",
                label,
                {keys.YOUTHS: n, keys.PERCENT: percent(n, total)},
            )
        )
    in_qpv = sum(row[-1] for row in known if row[3])
    unknown = total - sum(row[-1] for row in known)
    rows.append(
        _row(
            QUARTIERS,
            keys.NOT_RECORDED,
            _("Quartier non renseigné"),
            {keys.YOUTHS: unknown, keys.PERCENT: percent(unknown, total)},
        )
    )
    rows.append(
        _row(
            QUARTIERS,
            QPV_ROW,
            _("Dont quartiers prioritaires (QPV)"),
            {keys.YOUTHS: in_qpv, keys.PERCENT: percent(in_qpv, total)},
        )
    )
    return Table(
        key=QUARTIERS,
        title=_("Jeunes par quartier de résidence"),
        columns=(Column(keys.YOUTHS, _("Jeunes")), Column(keys.PERCENT, "%")),
        rows=tuple(rows),
        total=_row(QUARTIERS, keys.TOTAL, _("Total"), {keys.YOUTHS: total, keys.PERCENT: None}),
        percent_of=total,
    )


def _total(tables: dict[str, Table], table: str, column: str) -> CellValue:
    found = tables.get(table)
    return found.total.value(column) if found is not None and found.total is not None else None


def team_time_table(scope: ReportScope, tables: dict[str, Table]) -> Table:
    """The team's work by kind: how many times, how many hours or days where Carnet records them.

    An intervention has no duration in Carnet: individual accompaniment is counted, not timed.
    """
    interventions = rules.interventions_in_report(scope=scope).count()
    rows = (
        (
            "presence",
            _("Présence sociale (séances)"),
            _total(tables, keys.PRESENCE, keys.SESSIONS),
            _total(tables, keys.PRESENCE, keys.HOURS),
            None,
        ),
        ("interventions", _("Accompagnement individuel (interventions)"), interventions, None, None),
        (
            "actions",
            _("Actions collectives (actions)"),
            _total(tables, keys.ACTION_CATEGORIES, keys.ACTIONS),
            None,
            _total(tables, keys.ACTION_CATEGORIES, keys.DAYS),
        ),
        (
            "meetings",
            _("Réunions partenariales (réunions)"),
            _total(tables, keys.MEETINGS, keys.MEETING_COUNT),
            _total(tables, keys.MEETINGS, keys.HOURS),
            None,
        ),
    )
    return Table(
        key=TEAM_TIME,
        title=_("Temps de l'équipe par nature de travail"),
        columns=(
            Column(keys.COUNT, _("Nombre")),
            Column(keys.HOURS, _("Heures")),
            Column(keys.DAYS, _("Jours")),
        ),
        rows=tuple(
            _row(TEAM_TIME, key, label, {keys.COUNT: count, keys.HOURS: hours, keys.DAYS: days})
            for key, label, count, hours, days in rows
        ),
    )
