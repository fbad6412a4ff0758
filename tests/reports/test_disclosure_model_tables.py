"""A département's tables (youths by target age, by quartier) are protected in the external
version like the seed's: no count of one or two youths, nothing a reader can add back."""

import pytest

from carnet.reports.build import build_report
from carnet.reports.disclosure import external_version
from carnet.reports.model_tables import QPV_ROW, QUARTIERS, TARGET_AGE, ModelTableOptions
from carnet.reports.rules import keys
from tests import factories

pytestmark = pytest.mark.django_db
OPTIONS = ModelTableOptions(tables=(TARGET_AGE, QUARTIERS), target_age=(11, 18))


@pytest.fixture
def quartiers(team, commune):
    """One youth in a QPV, five in another, six outside any, all of them 13 in 2023 but one
    aged 9 and one aged 22."""
    lonely = factories.QuartierFactory(commune=commune, name="Les Hauts", is_qpv=True)
    cite = factories.QuartierFactory(commune=commune, name="Cité 12", is_qpv=True)
    centre = factories.QuartierFactory(commune=commune, name="Centre", is_qpv=False)
    factories.YouthFactory(commune=commune, quartier=lonely, sex="F", birth_year=2014)
    for n in range(5):
        factories.YouthFactory(commune=commune, quartier=cite, sex="HF"[n % 2])
    for n in range(6):
        factories.YouthFactory(
            commune=commune, quartier=centre, sex="HF"[n % 2], birth_year=2010 if n else 2001
        )
    return lonely, cite, centre


def _row(table, label_start: str):
    return next(row for row in table.rows if row.label.startswith(label_start))


def test_a_quartier_of_one_youth_is_masked_with_another_prioritaire_so_the_qpv_line_gives_nothing_back(
    scope, quartiers
):
    internal = build_report(scope=scope, options=OPTIONS)
    table = external_version(internal, threshold=3).table(QUARTIERS)

    assert internal.table(QUARTIERS).value(_row(table, "Les Hauts").key, keys.YOUTHS) == 1
    assert _row(table, "Les Hauts").cell(keys.YOUTHS).hidden
    assert _row(table, "Les Hauts").cell(keys.PERCENT).hidden
    # The QPV line is the sum of the prioritaires: one of them, or the line, is masked too.
    others = [_row(table, "Cité 12").cell(keys.YOUTHS), table.row(QPV_ROW).cell(keys.YOUTHS)]
    assert any(cell.hidden for cell in others)


def test_the_target_age_table_masks_one_youth_below_and_one_above_the_target_ages(scope, quartiers):
    internal = build_report(scope=scope, options=OPTIONS)
    table = external_version(internal, threshold=3).table(TARGET_AGE)

    assert internal.table(TARGET_AGE).value("below", keys.YOUTHS) == 1
    assert internal.table(TARGET_AGE).value("above", keys.YOUTHS) == 1
    for row in ("below", "above"):
        assert table.cell(row, keys.YOUTHS).hidden
        assert table.cell(row, keys.PERCENT).hidden
    small = [
        cell
        for row in table.all_rows
        for cell in row.cells
        if cell.key.column != keys.PERCENT
        and isinstance(internal.table(TARGET_AGE).value(row.key, cell.key.column), int)
        and 0 < internal.table(TARGET_AGE).value(row.key, cell.key.column) < 3
    ]
    assert small and all(cell.hidden for cell in small)
