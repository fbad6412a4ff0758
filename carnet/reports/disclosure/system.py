"""What a reader can compute from a report: its figures as quantities tied by linear relations.

A *quantity* is one number, printed in one or more places: the number of youths of the
report is the total of every youth table and a line of the general action; the number of
girls is a line of the sex table and the F total of the age, origin and situation tables.
Masking a quantity masks it everywhere it is printed, so linked tables are protected
together.

The relations are those a reader knows without any record: a row of a table by sex adds
up to its first column, the rows add up to the total row, every youth table counts the
same youths, the youths in contact are the youths of the report minus those without a
modality, a percentage column gives away the number it is computed over (the youths
whose value is known, or all interventions), a domain counts at most as many youths as
interventions and as youths in the report. Several reports of one team and period at
several scopes add up: the team's figure is the sum of its communes' and of the records
without a published commune (``rest``, never printed).
"""

from dataclasses import dataclass, field

from ..report import ActivityReport, CellKey, Table
from ..rules import keys
from ..rules.youths import SEX_COLUMNS

BY_SEX_TABLES = (keys.AGE, keys.ORIGIN, keys.SITUATION)

# What masking a quantity costs: first the number of masked figures, then how much is lost.
# The youths of the report, the sex totals and the youths in contact are read everywhere;
# a percentage base hides a whole column.
COST_TOTAL = 1000.0
COST_LINKED = 20.0
COST_PERCENT_BASE = 6.0


@dataclass
class Quantity:
    """One figure of one report; ``value`` is None for one a reader never sees the true value of."""

    scope: int
    key: tuple
    value: int | None
    places: list[CellKey] = field(default_factory=list)
    cost: float = 1.0
    youths: bool = True  # counts youths (the primary rule applies), or interventions
    percent_base_of: str | None = None  # the table whose whole % column reveals it


@dataclass(frozen=True)
class Relation:
    """``sum(coefficient * quantity) == 0``, or ``<= 0`` when ``at_most``."""

    terms: tuple[tuple[int, int], ...]
    at_most: bool = False


@dataclass
class System:
    quantities: list[Quantity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    index: dict[tuple[int, tuple], int] = field(default_factory=dict)

    def add(self, scope: int, key: tuple, value: int | None, *, place: CellKey | None = None, **extra) -> int:
        """The quantity ``key`` of ``scope``, made on first sight; ``place``: one more cell showing it."""
        number = self.index.get((scope, key))
        if number is None:
            number = len(self.quantities)
            self.quantities.append(Quantity(scope, key, value, **extra))
            self.index[(scope, key)] = number
        if place is not None:
            self.quantities[number].places.append(place)
        return number

    def relate(self, terms: list[tuple[int, int]], *, at_most: bool = False) -> None:
        self.relations.append(Relation(tuple(terms), at_most))


def _count(value) -> int | None:
    return value if isinstance(value, int) else None


def add_report(system: System, report: ActivityReport, *, scope: int) -> None:
    """The quantities and relations of one report (``scope`` numbers it within a set)."""
    tables = {table.key: table for table in report.tables}
    everyone = system.add(scope, ("youths",), report.youths, cost=COST_TOTAL)
    if keys.MODALITY in tables:
        _add_modality(system, tables[keys.MODALITY], scope, everyone)
    sexes = {}
    if keys.SEX in tables or any(key in tables for key in BY_SEX_TABLES):
        sexes = {
            sex: system.add(scope, ("sex", sex), _sex_total(tables, sex), cost=COST_LINKED)
            for sex in SEX_COLUMNS
        }
    if keys.SEX in tables:
        sex_table = tables[keys.SEX]
        for row in sex_table.rows:
            system.quantities[sexes[row.key]].places.append(row.cell(keys.YOUTHS).key)
        system.quantities[everyone].places.append(sex_table.total.cell(keys.YOUTHS).key)
        system.relate([(everyone, -1), *((number, 1) for number in sexes.values())])
    for key in BY_SEX_TABLES:
        if key in tables:
            _add_by_sex(system, tables[key], scope, everyone, sexes)
    if keys.DOMAINS in tables:
        _add_domains(system, tables[keys.DOMAINS], scope, everyone)
    if keys.GENERAL_ACTION in tables:
        general = tables[keys.GENERAL_ACTION]
        system.quantities[everyone].places.append(general.cell(keys.YOUTHS_MET, keys.COUNT).key)
        contact = system.index.get((scope, ("youths_in_contact",)))
        if contact is not None:
            system.quantities[contact].places.append(general.cell(keys.YOUTHS_IN_CONTACT, keys.COUNT).key)
        _add_paei(system, tables, scope, everyone)


def _sex_total(tables: dict[str, Table], sex: str) -> int | None:
    if keys.SEX in tables:
        return _count(tables[keys.SEX].value(sex, keys.YOUTHS))
    for table_key in BY_SEX_TABLES:
        if table_key in tables and tables[table_key].total is not None:
            return _count(tables[table_key].total.value(sex))
    return None


def _has_percent(table: Table) -> bool:
    return any(column.key == keys.PERCENT for column in table.columns)


def _add_modality(system: System, table: Table, scope: int, everyone: int) -> None:
    system.quantities[everyone].places.append(table.total.cell(keys.YOUTHS).key)
    rows = []
    for row in table.rows:
        cell = row.cell(keys.YOUTHS)
        rows.append(system.add(scope, (table.key, row.key, keys.YOUTHS), _count(cell.value), place=cell.key))
    system.relate([(everyone, -1), *((number, 1) for number in rows)])
    not_recorded = system.index.get((scope, (table.key, keys.NOT_RECORDED, keys.YOUTHS)))
    if not_recorded is not None:
        total, missing = table.total.value(keys.YOUTHS), table.value(keys.NOT_RECORDED, keys.YOUTHS)
        value = total - missing if isinstance(total, int) and isinstance(missing, int) else None
        contact = system.add(scope, ("youths_in_contact",), value, cost=COST_LINKED)
        system.relate([(everyone, -1), (contact, 1), (not_recorded, 1)])


def _add_by_sex(system: System, table: Table, scope: int, everyone: int, sexes: dict[str, int]) -> None:
    system.quantities[everyone].places.append(table.total.cell(keys.YOUTHS).key)
    for sex, number in sexes.items():
        system.quantities[number].places.append(table.total.cell(sex).key)
    columns: dict[str, list[int]] = {sex: [] for sex in SEX_COLUMNS}
    firsts = []
    for row in table.rows:
        first_cell = row.cell(keys.YOUTHS)
        first = system.add(
            scope, (table.key, row.key, keys.YOUTHS), _count(first_cell.value), place=first_cell.key
        )
        firsts.append(first)
        parts = []
        for sex in SEX_COLUMNS:
            cell = row.cell(sex)
            number = system.add(scope, (table.key, row.key, sex), _count(cell.value), place=cell.key)
            columns[sex].append(number)
            parts.append((number, 1))
        system.relate([(first, -1), *parts])
    system.relate([(everyone, -1), *((number, 1) for number in firsts)])
    for sex, numbers in columns.items():
        system.relate([(sexes[sex], -1), *((number, 1) for number in numbers)])
    # The % column is computed over the youths whose value is known: a reader gets it back.
    not_recorded = system.index.get((scope, (table.key, keys.NOT_RECORDED, keys.YOUTHS)))
    if not_recorded is not None and _has_percent(table):
        percents = [row.cell(keys.PERCENT).key for row in table.rows if row.key not in (keys.NOT_RECORDED,)]
        base = system.add(
            scope,
            (table.key, "percent_of"),
            table.percent_of,
            cost=COST_PERCENT_BASE,
            percent_base_of=table.key,
        )
        system.quantities[base].places.extend(percents)
        system.relate([(everyone, -1), (base, 1), (not_recorded, 1)])


def _add_domains(system: System, table: Table, scope: int, everyone: int) -> None:
    interventions = []
    for row in table.rows:
        count_cell, youth_cell = row.cell(keys.INTERVENTIONS), row.cell(keys.YOUTHS)
        count = system.add(
            scope,
            (table.key, row.key, keys.INTERVENTIONS),
            _count(count_cell.value),
            place=count_cell.key,
            youths=False,
        )
        youths = system.add(
            scope, (table.key, row.key, keys.YOUTHS), _count(youth_cell.value), place=youth_cell.key
        )
        interventions.append(count)
        # A domain's youths are not additive (a youth works on several domains), but bounded.
        system.relate([(youths, 1), (count, -1)], at_most=True)
        system.relate([(youths, 1), (everyone, -1)], at_most=True)
    if _has_percent(table):
        whole = system.add(
            scope,
            (table.key, "percent_of"),
            table.percent_of,
            cost=COST_PERCENT_BASE,
            youths=False,
            percent_base_of=table.key,
        )
        system.quantities[whole].places.extend(row.cell(keys.PERCENT).key for row in table.rows)
        system.relate([(whole, -1), *((number, 1) for number in interventions)])


def _add_paei(system: System, tables: dict[str, Table], scope: int, everyone: int) -> None:
    """The youths whose PAEI was reviewed (at most the youths of the report), and the goals
    reviewed: a table by domain and outcome, whose rows and columns add up."""
    try:
        cell = tables[keys.GENERAL_ACTION].cell(keys.PAEI_REVIEWED, keys.COUNT)
    except KeyError:
        return
    reviewed = system.add(scope, (keys.PAEI_REVIEWED,), _count(cell.value), place=cell.key)
    system.relate([(reviewed, 1), (everyone, -1)], at_most=True)
    if keys.PAEI_GOALS not in tables:
        return
    table = tables[keys.PAEI_GOALS]
    outcomes = [column.key for column in table.columns if column.key != keys.GOALS]
    grid = {}
    for row in table.all_rows:
        for column in (*outcomes, keys.GOALS):
            cell = row.cell(column)
            grid[(row.key, column)] = system.add(
                scope, (table.key, row.key, column), _count(cell.value), place=cell.key, youths=False
            )
        system.relate([(grid[(row.key, keys.GOALS)], -1), *((grid[(row.key, o)], 1) for o in outcomes)])
    if table.total is not None:
        for column in (*outcomes, keys.GOALS):
            system.relate(
                [(grid[(keys.TOTAL, column)], -1), *((grid[(row.key, column)], 1) for row in table.rows)]
            )


def add_sum_of_scopes(system: System, *, whole: int, parts: list[int], rest: int) -> None:
    """The figures of scope ``whole`` (a team) are those of ``parts`` (its communes) plus
    those of ``rest`` (records of no published commune), for every quantity of ``whole``."""
    for (scope, key), number in list(system.index.items()):
        if scope != whole:
            continue
        template = system.quantities[number]
        remainder = system.add(rest, key, None, youths=template.youths)
        terms = [(number, -1), (remainder, 1)]
        terms += [(system.index[(part, key)], 1) for part in parts if (part, key) in system.index]
        system.relate(terms)
    # The records of no published commune obey the same within-report relations.
    copied = []
    for relation in system.relations:
        scopes = {system.quantities[number].scope for number, _coefficient in relation.terms}
        if scopes == {whole}:
            terms = [(system.index[(rest, system.quantities[number].key)], c) for number, c in relation.terms]
            copied.append(Relation(tuple(terms), relation.at_most))
    system.relations.extend(copied)
