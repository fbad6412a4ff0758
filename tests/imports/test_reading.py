import datetime
from decimal import Decimal

import pytest

from carnet.imports.cells import parse_date, parse_decimal
from carnet.imports.columns import ImportKind, header_score
from carnet.imports.reading import ValueProblem, read_sheet

from .conftest import csv_bytes, xlsx_bytes


def test_a_windows_1252_csv_with_semicolons_accents_blank_rows_and_trailing_columns_is_read():
    content = csv_bytes(
        [
            ["  Prénom ", "DATE DE NAISSANCE", "Commune", "", ""],
            ["Inès", "03/04/2008", "Hénin-Beaumont", "", ""],
            ["", "", "", "", ""],
            ["Jérôme", "2009-12-31", "Liévin", "", ""],
        ]
    )
    sheet = read_sheet(content, "jeunes.csv")
    assert sheet.headers == ["Prénom", "DATE DE NAISSANCE", "Commune"]
    assert [(row.number, row.values) for row in sheet.rows] == [
        (2, ("Inès", "03/04/2008", "Hénin-Beaumont")),
        (4, ("Jérôme", "2009-12-31", "Liévin")),
    ]


def test_a_utf8_csv_with_bom_and_commas_is_read():
    content = "\ufeffPrénom,Commune\r\nZoé,Liévin\r\n".encode()
    sheet = read_sheet(content, "jeunes.csv")
    assert sheet.headers == ["Prénom", "Commune"]
    assert sheet.rows[0].values == ("Zoé", "Liévin")


def test_an_xlsx_with_a_merged_title_and_merged_header_cells_takes_the_top_left_value():
    content = xlsx_bytes(
        [
            ["Liste des jeunes 2023", None, None],
            ["Prénom", "Naissance", None],
            [None, "Date de naissance", "Commune"],
            ["Inès", 39541, "Liévin"],
        ],
        merges=("A1:C1", "A2:A3", "B2:C2"),
    )
    sheet = read_sheet(content, "jeunes.xlsx", header_score=header_score(ImportKind.YOUTHS))
    assert sheet.header_row == 3
    assert sheet.headers == ["Prénom", "Date de naissance", "Commune"]
    assert sheet.rows[0].number == 4
    assert parse_date(sheet.rows[0].values[1]) == datetime.date(2008, 4, 3)


@pytest.mark.parametrize(
    "value",
    ["31/12/2023", "2023-12-31", 45291, "45291", datetime.datetime(2023, 12, 31, 0, 0), "31/12/2023 10:00"],
)
def test_dates_are_read_in_french_iso_and_excel_serial_forms(value):
    assert parse_date(value) == datetime.date(2023, 12, 31)


def test_an_unreadable_date_gives_a_french_reason():
    with pytest.raises(ValueProblem, match="JJ/MM/AAAA"):
        parse_date("31 décembre")


def test_an_impossible_date_is_refused_as_such():
    with pytest.raises(ValueProblem, match="date impossible"):
        parse_date("31/02/2023")


def test_decimals_are_read_with_a_comma():
    assert parse_decimal("12,5") == Decimal("12.5")
    assert parse_decimal("1 234,50") == Decimal("1234.50")
