"""Reports built from a list of youths without the database, laid out as the engine lays
them out (same keys, rows, columns and totals), for the disclosure tests."""

from dataclasses import dataclass
from types import SimpleNamespace

from carnet.reports.report import ActivityReport, Cell, CellKey, Column, Row, Table
from carnet.reports.rules import keys

NR = keys.NOT_RECORDED
SEXES = ("H", "F", "NB", NR)
MODALITIES = ("accroche", "asep", "paei")
AGES = ("6-9", "10-11", "12-15", "16-17", "18-20", "21-24", "25-plus")
ORIGINS = ("presence-sociale", "tiers", "partenaire", "demarche")
SITUATIONS = ("scolarise", "formation", "emploi", "rupture")
DOMAINS = ("comportement", "sante", "justice", "logement")


@dataclass(frozen=True)
class Youth:
    modality: str
    age: str
    sex: str
    origin: str
    situation: str
    commune: str = "A"
    domains: tuple[tuple[str, int], ...] = ()  # (domain, interventions)


def scope_named(label: str, commune: str | None) -> SimpleNamespace:
    return SimpleNamespace(label=label, commune=commune)


def _row(table: str, key: str, values: dict) -> Row:
    return Row(key, key, tuple(Cell(CellKey(table, key, column), value) for column, value in values.items()))


def _percent(part: int, whole: int) -> int:
    return (200 * part + whole) // (2 * whole) if whole else 0


def report_of(youths: list[Youth], *, scope=None) -> ActivityReport:
    total = len(youths)

    def by_sex(key: str, attribute: str, codes: tuple[str, ...]) -> Table:
        known = sum(getattr(youth, attribute) != NR for youth in youths)

        def make(row_key: str, members: list[Youth]) -> Row:
            counts = {sex: sum(youth.sex == sex for youth in members) for sex in SEXES}
            share = _percent(len(members), known) if row_key not in (NR, keys.TOTAL) else None
            return _row(key, row_key, {keys.YOUTHS: len(members), **counts, keys.PERCENT: share})

        rows = tuple(
            make(code, [y for y in youths if getattr(y, attribute) == code]) for code in (*codes, NR)
        )
        columns = (keys.YOUTHS, *SEXES, keys.PERCENT)
        return Table(
            key,
            key,
            tuple(Column(column, column) for column in columns),
            rows,
            make(keys.TOTAL, youths),
            percent_of=known,
        )

    modality_rows = tuple(
        _row(keys.MODALITY, code, {keys.YOUTHS: sum(y.modality == code for y in youths)})
        for code in (*MODALITIES, NR)
    )
    modality = Table(
        keys.MODALITY,
        keys.MODALITY,
        (Column(keys.YOUTHS, "Nombre de jeunes"),),
        modality_rows,
        _row(keys.MODALITY, keys.TOTAL, {keys.YOUTHS: total}),
    )
    sex_rows = tuple(
        _row(
            keys.SEX,
            sex,
            {
                keys.YOUTHS: sum(y.sex == sex for y in youths),
                keys.AVERAGE_AGE: None,
                keys.PERCENT: _percent(sum(y.sex == sex for y in youths), total),
            },
        )
        for sex in SEXES
    )
    sex = Table(
        keys.SEX,
        keys.SEX,
        tuple(Column(column, column) for column in (keys.YOUTHS, keys.AVERAGE_AGE, keys.PERCENT)),
        sex_rows,
        _row(keys.SEX, keys.TOTAL, {keys.YOUTHS: total, keys.AVERAGE_AGE: None, keys.PERCENT: None}),
        percent_of=total,
    )
    whole = sum(n for youth in youths for _domain, n in youth.domains)
    domain_rows = tuple(
        _row(
            keys.DOMAINS,
            code,
            {
                keys.INTERVENTIONS: sum(n for y in youths for d, n in y.domains if d == code),
                keys.YOUTHS: sum(any(d == code for d, _n in y.domains) for y in youths),
                keys.PERCENT: _percent(sum(n for y in youths for d, n in y.domains if d == code), whole),
            },
        )
        for code in DOMAINS
    )
    domains = Table(
        keys.DOMAINS,
        keys.DOMAINS,
        tuple(Column(column, column) for column in (keys.INTERVENTIONS, keys.YOUTHS, keys.PERCENT)),
        domain_rows,
        percent_of=whole,
    )
    in_contact = total - sum(y.modality == NR for y in youths)
    general = Table(
        keys.GENERAL_ACTION,
        keys.GENERAL_ACTION,
        (Column(keys.COUNT, "Nombre"),),
        (
            _row(keys.GENERAL_ACTION, keys.YOUTHS_MET, {keys.COUNT: total}),
            _row(keys.GENERAL_ACTION, keys.YOUTHS_IN_CONTACT, {keys.COUNT: in_contact}),
        ),
    )
    return ActivityReport(
        scope=scope,
        youths=total,
        youths_in_contact=in_contact,
        tables=(
            modality,
            by_sex(keys.AGE, "age", AGES),
            sex,
            by_sex(keys.ORIGIN, "origin", ORIGINS),
            by_sex(keys.SITUATION, "situation", SITUATIONS),
            domains,
            general,
        ),
        actions=(),
        partners=(),
        data_gaps=(),
    )
