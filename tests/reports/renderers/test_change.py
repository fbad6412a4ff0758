"""A compared figure shows its previous value and how it moved, in per cent only when it says
something."""

from decimal import Decimal

import pytest

from carnet.reports.renderers.outline_parts import change_text
from carnet.reports.report import Cell, CellKey
from carnet.reports.rules import keys


def cell(value, previous, column=keys.YOUTHS, hidden=False) -> Cell:
    return Cell(CellKey("domains", "famille", column), value, previous, hidden)


@pytest.mark.parametrize(
    ("value", "previous", "column", "expected"),
    [
        (97, 80, keys.YOUTHS, "+17, +21\u00a0%"),
        (73, 72, keys.YOUTHS, "+1"),  # +1 % over 72: not worth saying
        (3, 1, keys.YOUTHS, "+2"),  # +200 % over 1 youth: noise
        (40, 50, keys.YOUTHS, "\u221210, \u221220\u00a0%"),
        (12, 12, keys.YOUTHS, ""),  # never « 0 % »
        (Decimal("192.5"), Decimal("150"), keys.HOURS, "+42,5, +28\u00a0%"),
        (22, 18, keys.PERCENT, ""),  # a share's change is read from the counts
        (None, 3, keys.YOUTHS, ""),
    ],
)
def test_the_change_says_how_a_figure_moved(value, previous, column, expected):
    assert change_text(cell(value, previous, column)) == expected


def test_a_hidden_figure_shows_no_change():
    assert change_text(cell(2, 5, hidden=True)) == ""
