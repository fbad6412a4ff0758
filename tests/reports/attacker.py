"""An attacker's audit of external reports, written apart from the suppression code.

It holds what a funder holds: the published figures of one or several external reports
(from the report object or read back from the rendered XLSX), and what anyone knows of
a bilan's tables: rows add up to the total row, a row of a table by sex adds up to its
first column, every youth table counts the same youths, the sex table's lines are the
sex totals of the other tables, the youths in contact are the youths minus those without
a modality, a visible percentage gives its base away, a domain has at most as many
youths as interventions, and a team's figures are its communes' plus the rest. For every
masked figure it computes, by integer programming, the smallest and largest value
agreeing with all that, and checks the protection rule of docs/counting-rules.md.
"""

import io
from dataclasses import dataclass, field

import highspy
import numpy as np
import openpyxl

from carnet.reports.report import ActivityReport
from carnet.reports.rules import keys

MASK = "s"
NOT_COUNTS = (keys.PERCENT, keys.AVERAGE_AGE)
SEX_COLUMNS = ("H", "F", "NB", keys.NOT_RECORDED)
BY_SEX = (keys.AGE, keys.ORIGIN, keys.SITUATION)
HUGE = 10_000_000


@dataclass
class Publication:
    """One external report as read: ``cells[(table, row, column)]`` is a number or MASK;
    ``truth`` the internal values (to tell which masked figures are small)."""

    team_level: bool
    cells: dict[tuple[str, str, str], object]
    truth: dict[tuple[str, str, str], object]
    tables: dict[str, list[str]] = field(default_factory=dict)  # table → row keys (total excluded)


@dataclass(frozen=True)
class Finding:
    publication: int
    cell: tuple[str, str, str]
    value: int
    low: int
    high: int
    protected: bool


def publication_from_report(external: ActivityReport, internal: ActivityReport) -> Publication:
    cells, truth, tables = {}, {}, {}
    for table in external.tables:
        tables[table.key] = [row.key for row in table.rows]
        for row in table.all_rows:
            for cell in row.cells:
                where = (table.key, row.key, cell.key.column)
                cells[where] = MASK if cell.hidden else cell.value
                truth[where] = internal.table(table.key).value(row.key, cell.key.column)
    return Publication(getattr(external.scope, "commune", None) is None, cells, truth, tables)


def publication_from_xlsx(content: bytes, internal: ActivityReport) -> Publication:
    """The rendered workbook read back: sheet n + 1 is table n, rows from line 5, columns from B."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells, truth, tables = {}, {}, {}
    for table, sheet in zip(internal.tables, book.worksheets[1:], strict=False):
        tables[table.key] = [row.key for row in table.rows]
        for offset, row in enumerate(table.all_rows):
            for index, column in enumerate(table.columns):
                value = sheet.cell(row=5 + offset, column=2 + index).value
                where = (table.key, row.key, column.key)
                cells[where] = value
                truth[where] = row.value(column.key)
    return Publication(getattr(internal.scope, "commune", None) is None, cells, truth, tables)


class _Program:
    def __init__(self):
        self.lower, self.upper, self.rows = [], [], []

    def variable(self, value) -> int:
        self.lower.append(0.0 if value == MASK or value is None else float(value))
        self.upper.append(float(HUGE) if value == MASK or value is None else float(value))
        return len(self.lower) - 1

    def equal(self, terms: list[tuple[int, float]], constant: float = 0.0) -> None:
        self.rows.append((terms, -constant, -constant))

    def at_most(self, terms: list[tuple[int, float]]) -> None:
        self.rows.append((terms, -highspy.kHighsInf, 0.0))

    def solver(self) -> highspy.Highs:
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        count = len(self.lower)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = count, len(self.rows)
        lp.col_cost_ = np.zeros(count)
        lp.col_lower_, lp.col_upper_ = np.array(self.lower), np.array(self.upper)
        lp.row_lower_ = np.array([low for _terms, low, _high in self.rows])
        lp.row_upper_ = np.array([high for _terms, _low, high in self.rows])
        starts, indices, values = [0], [], []
        for terms, _low, _high in self.rows:
            for variable, coefficient in terms:
                indices.append(variable)
                values.append(coefficient)
            starts.append(len(indices))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(values, dtype=float)
        lp.integrality_ = [highspy.HighsVarType.kInteger] * count
        highs.passModel(lp)
        return highs


def _structure(program: _Program, var, tables: dict[str, list[str]]) -> None:
    """The relations inside one report; ``var(table, row, column)`` its variable (or None)."""
    total = keys.TOTAL
    firsts = []
    for table, rows in tables.items():
        if table in (keys.MODALITY, keys.SEX, *BY_SEX):
            columns = [keys.YOUTHS, *(SEX_COLUMNS if table in BY_SEX else ())]
            for column in columns:
                program.equal(
                    [(var(table, total, column), -1), *((var(table, row, column), 1) for row in rows)]
                )
            firsts.append(var(table, total, keys.YOUTHS))
        if table in BY_SEX:
            for row in [*rows, total]:
                program.equal(
                    [(var(table, row, keys.YOUTHS), -1), *((var(table, row, sex), 1) for sex in SEX_COLUMNS)]
                )
                if keys.SEX in tables and row == total:
                    for sex in SEX_COLUMNS:
                        program.equal([(var(table, total, sex), 1), (var(keys.SEX, sex, keys.YOUTHS), -1)])
    if keys.GENERAL_ACTION in tables:
        firsts.append(var(keys.GENERAL_ACTION, keys.YOUTHS_MET, keys.COUNT))
        if keys.MODALITY in tables:
            program.equal(
                [
                    (var(keys.GENERAL_ACTION, keys.YOUTHS_IN_CONTACT, keys.COUNT), 1),
                    (var(keys.MODALITY, keys.NOT_RECORDED, keys.YOUTHS), 1),
                    (var(keys.MODALITY, total, keys.YOUTHS), -1),
                ]
            )
    for first in firsts[1:]:
        program.equal([(firsts[0], 1), (first, -1)])
    if keys.DOMAINS in tables and firsts:
        for row in tables[keys.DOMAINS]:
            program.at_most(
                [(var(keys.DOMAINS, row, keys.YOUTHS), 1), (var(keys.DOMAINS, row, keys.INTERVENTIONS), -1)]
            )
            program.at_most([(var(keys.DOMAINS, row, keys.YOUTHS), 1), (firsts[0], -1)])


def _paei(program: _Program, mapping: dict, publication: Publication) -> None:
    """The youths whose PAEI was reviewed are youths of the report; the goals table adds up."""
    reviewed = (keys.GENERAL_ACTION, keys.PAEI_REVIEWED, keys.COUNT)
    youths = (keys.GENERAL_ACTION, keys.YOUTHS_MET, keys.COUNT)
    if reviewed in mapping and youths in mapping:
        program.at_most([(mapping[reviewed], 1), (mapping[youths], -1)])
    rows = publication.tables.get(keys.PAEI_GOALS)
    if not rows:
        return
    columns = {where[2] for where in mapping if where[0] == keys.PAEI_GOALS} - {keys.GOALS}
    for row in [*rows, keys.TOTAL]:
        goals = (keys.PAEI_GOALS, row, keys.GOALS)
        program.equal([(mapping[goals], -1), *((mapping[(keys.PAEI_GOALS, row, c)], 1) for c in columns)])
    for column in [*columns, keys.GOALS]:
        total = (keys.PAEI_GOALS, keys.TOTAL, column)
        program.equal([(mapping[total], -1), *((mapping[(keys.PAEI_GOALS, r, column)], 1) for r in rows)])


def _percent_bases(program: _Program, var, publication: Publication) -> None:
    """A visible percentage of a visible non-zero count gives its base: assume the reader has it."""
    cells, truth = publication.cells, publication.truth
    for table, rows in publication.tables.items():
        visible = any(
            isinstance(cells.get((table, row, keys.PERCENT)), int | float)
            and isinstance(cells.get((table, row, first)), int)
            and cells[(table, row, first)] > 0
            for row in rows
            for first in (keys.YOUTHS, keys.INTERVENTIONS)
        )
        if not visible:
            continue
        if table in BY_SEX:
            base = truth[(table, keys.TOTAL, keys.YOUTHS)] - truth[(table, keys.NOT_RECORDED, keys.YOUTHS)]
            program.equal(
                [(var(table, keys.TOTAL, keys.YOUTHS), 1), (var(table, keys.NOT_RECORDED, keys.YOUTHS), -1)],
                constant=-base,
            )
        elif table == keys.DOMAINS:
            whole = sum(truth[(table, row, keys.INTERVENTIONS)] for row in rows)
            program.equal([(var(table, row, keys.INTERVENTIONS), 1) for row in rows], constant=-whole)


def audit(publications: list[Publication], *, threshold: int) -> list[Finding]:
    """The range of every masked count of ``publications`` (one team and period, several scopes)."""
    program = _Program()
    variables: list[dict] = []
    for publication in publications:
        mapping = {}
        for where, value in publication.cells.items():
            if where[2] not in NOT_COUNTS and _count_or_masked(value):
                mapping[where] = program.variable(value)
        variables.append(mapping)
        _structure(program, lambda *where, m=mapping: m[where], publication.tables)
        _percent_bases(program, lambda *where, m=mapping: m[where], publication)
        _paei(program, mapping, publication)
    teams = [number for number, publication in enumerate(publications) if publication.team_level]
    if teams and len(publications) > 1:
        team = teams[0]
        rest = {where: program.variable(MASK) for where in variables[team]}
        _structure(program, lambda *where: rest[where], publications[team].tables)
        for where, number in variables[team].items():
            parts = [
                (variables[other][where], 1.0)
                for other in range(len(publications))
                if other != team and where in variables[other]
            ]
            program.equal([(number, -1.0), (rest[where], 1.0), *parts])
    highs = program.solver()
    findings = []
    for number, publication in enumerate(publications):
        for where, variable in variables[number].items():
            if publication.cells[where] != MASK:
                continue
            low, high = (_optimum(highs, variable, sense) for sense in (1.0, -1.0))
            value = publication.truth[where]
            ok = high - low >= 2 and (not 0 < value < threshold or high >= threshold)
            findings.append(Finding(number, where, value, low, high, ok))
    return findings


def _count_or_masked(value) -> bool:
    """Hours (52.5) are no count: they take no part in the system."""
    return value in (MASK, None) or float(value).is_integer()


def _optimum(highs: highspy.Highs, variable: int, sense: float) -> int:
    highs.changeColCost(variable, sense)
    highs.run()
    assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal, highs.getModelStatus()
    value = round(sense * highs.getInfo().objective_function_value)
    highs.changeColCost(variable, 0.0)
    return value
