"""The external version of a report hides small counts and what would reveal them."""

from carnet.reports.disclosure import external_version
from carnet.reports.report import ActivityReport, Cell, CellKey, Column, Row, Table
from carnet.reports.rules import keys


def _table(key: str, columns: list[str], rows: dict[str, list[int | None]], total: list[int] | None = None):
    def row(row_key, values):
        cells = tuple(
            Cell(CellKey(key, row_key, column), value) for column, value in zip(columns, values, strict=True)
        )
        return Row(row_key, row_key, cells)

    return Table(
        key=key,
        title=key,
        columns=tuple(Column(column, column) for column in columns),
        rows=tuple(row(row_key, values) for row_key, values in rows.items()),
        total=row(keys.TOTAL, total) if total else None,
    )


def _report(*tables: Table) -> ActivityReport:
    return ActivityReport(
        scope=None, youths=0, youths_in_contact=0, tables=tables, actions=(), partners=(), data_gaps=("gap",)
    )


def _hidden(table: Table) -> set[tuple[str, str]]:
    return {(row.key, cell.key.column) for row in table.all_rows for cell in row.cells if cell.hidden}


def test_counts_below_threshold_are_hidden():
    domains = _table(
        keys.DOMAINS,
        [keys.INTERVENTIONS, keys.YOUTHS, keys.PERCENT],
        {"comportement": [73, 37, 90], "justice": [3, 1, 1], "aide-urgence": [5, 2, 9]},
    )
    table = external_version(_report(domains), threshold=3).tables[0]
    assert {("justice", keys.YOUTHS), ("aide-urgence", keys.YOUTHS)} <= _hidden(table)
    assert table.value("comportement", keys.INTERVENTIONS) == 73
    assert table.value("justice", keys.YOUTHS) is None


def test_percentage_of_a_hidden_count_is_hidden_with_it():
    sex = _table(
        keys.SEX, [keys.YOUTHS, keys.AVERAGE_AGE, keys.PERCENT], {"H": [40, 13, 58], "NB": [1, 16, 1]}
    )
    hidden = _hidden(external_version(_report(sex), threshold=3).tables[0])
    assert {("NB", keys.YOUTHS), ("NB", keys.AVERAGE_AGE), ("NB", keys.PERCENT)} <= hidden


def test_a_hidden_cell_never_stands_alone_in_a_row_that_adds_up():
    age = _table(
        keys.AGE,
        [keys.YOUTHS, "H", "F", "NB", keys.PERCENT],
        {"12-15": [38, 22, 15, 1, 56], "16-17": [10, 5, 5, 0, 15]},
        total=[48, 27, 20, 1, 100],
    )
    hidden = _hidden(external_version(_report(age), threshold=3).tables[0])
    # NB=1 is hidden; F=15, the smallest other count of its row, goes with it,
    # so 38 - 22 cannot give it back.
    assert ("12-15", "NB") in hidden
    assert ("12-15", "F") in hidden
    assert ("16-17", "H") not in hidden or ("16-17", "F") in hidden


def test_a_hidden_cell_never_stands_alone_in_a_column():
    origin = _table(
        keys.ORIGIN,
        [keys.YOUTHS, "H", "F", "NB", keys.PERCENT],
        {"presence": [47, 29, 18, 0, 69], "tiers": [13, 6, 7, 0, 19], "demarche": [2, 1, 1, 0, 3]},
        total=[62, 36, 26, 0, 100],
    )
    table = external_version(_report(origin), threshold=3).tables[0]
    hidden = _hidden(table)
    for column in (keys.YOUTHS, "H", "F"):
        in_column = [row.key for row in table.rows if (row.key, column) in hidden]
        assert len(in_column) != 1, column


def test_zero_is_not_hidden_and_activity_tables_are_untouched():
    presence = _table(keys.PRESENCE, [keys.SESSIONS, keys.HOURS], {"rue": [1, 2]})
    age = _table(keys.AGE, [keys.YOUTHS, "H", "F", "NB", keys.PERCENT], {"6-9": [5, 5, 0, 0, 100]})
    report = external_version(_report(presence, age), threshold=3)
    assert not _hidden(report.tables[0])
    assert not _hidden(report.tables[1])


def test_external_version_drops_the_list_of_youths_with_missing_data():
    assert external_version(_report(), threshold=3).data_gaps == ()
