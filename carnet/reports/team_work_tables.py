"""The report's tables of the team's daily work: PAEI goals (R16) and diagnostics (R17).

Laid out like the tables of ``build``: rows from the referentials or the records,
French labels, a total row.
"""

from django.utils.translation import gettext as _

from carnet.referentials.models import Domain
from carnet.youths.models import GoalProgress

from . import rules
from .referential_rows import Referentials, referential_rows
from .report import Cell, CellKey, CellValue, Column, Row, Table
from .rules import keys
from .scope import ReportScope


def _row(table: str, key: str, label: str, values: dict[str, CellValue]) -> Row:
    cells = tuple(Cell(CellKey(table, key, column), value) for column, value in values.items())
    return Row(key=key, label=str(label), cells=cells)


def paei_table(scope: ReportScope, refs: Referentials) -> Table:
    counts = rules.count_goals_by_domain_and_outcome(scope=scope)
    rows = referential_rows(refs, Domain, {domain for domain, _outcome in counts})
    rows.append((keys.NOT_RECORDED, _("Non renseigné")))

    def make(key: str, label: str) -> Row:
        mine = [(o, n) for (domain, o), n in counts.items() if key in (domain, keys.TOTAL)]
        by_outcome = {outcome: sum(n for o, n in mine if o == outcome) for outcome in GoalProgress.values}
        return _row(keys.PAEI_GOALS, key, label, {**by_outcome, keys.GOALS: sum(by_outcome.values())})

    return Table(
        key=keys.PAEI_GOALS,
        title=_("Objectifs des PAEI revus dans la période, par domaine et par avancement"),
        columns=(
            *(Column(value, str(label)) for value, label in GoalProgress.choices),
            Column(keys.GOALS, _("Total")),
        ),
        rows=tuple(make(key, label) for key, label in rows),
        total=make(keys.TOTAL, _("Total")),
    )


def diagnostic_table(scope: ReportScope) -> Table:
    rows = rules.count_diagnostics_by_quartier(scope=scope)
    return Table(
        key=keys.DIAGNOSTICS,
        title=_("Diagnostics territoriaux partagés, par quartier"),
        columns=(Column(keys.COUNT, _("Diagnostics")),),
        rows=tuple(_row(keys.DIAGNOSTICS, key, label, {keys.COUNT: n}) for key, label, n in rows),
        total=_row(keys.DIAGNOSTICS, keys.TOTAL, _("Total"), {keys.COUNT: sum(n for *_, n in rows)}),
    )
