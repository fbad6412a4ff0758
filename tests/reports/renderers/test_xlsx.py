"""The workbook: one sheet per table, figures a spreadsheet can compute with."""

import io
from dataclasses import replace

import openpyxl
import pytest

from carnet.reports.renderers.xlsx import render_xlsx
from carnet.reports.report import Column, Table
from carnet.reports.rules import keys

from .sample import NARRATIVE, outline_of, row


def workbook(report, narrative=None):
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(outline=outline_of(report, narrative=narrative))))


def rows_of(sheet) -> dict[str, tuple]:
    """Data rows by label, below the header row (row 4)."""
    return {values[0]: values[1:] for values in sheet.iter_rows(min_row=5, values_only=True) if values[0]}


def test_summary_comes_first_then_one_sheet_per_table_then_the_lists(report):
    assert workbook(report).sheetnames == [
        "Bilan",
        "Présence sociale",
        "Domaines travaillés",
        "Répartition par âge et par sexe",
        "Répartition par sexe",
        "Origine de la rencontre",
        "Actions collectives",
        "Partenaires",
        "Données manquantes",
    ]


def test_figures_are_numbers_and_percentages_real_percentages(report):
    sheet = workbook(report)["Domaines travaillés"]
    total, youths, share = rows_of(sheet)["Comportement"]
    assert (total, youths) == (73, 37)
    assert isinstance(total, int)
    assert share == pytest.approx(0.22)
    assert sheet["D5"].number_format == "0%"


def test_hours_keep_their_decimal(report):
    sessions, hours, met = rows_of(workbook(report)["Présence sociale"])["Travail de rue"]
    assert (sessions, hours, met) == (96, 192.5, 211)
    assert isinstance(hours, float)


def test_a_figure_that_does_not_apply_is_an_empty_cell(report):
    age = rows_of(workbook(report)["Répartition par âge et par sexe"])
    assert age["Non renseigné"] == (2, 1, 0, 0, 1, None)
    assert age["Total"] == (66, 38, 27, 0, 1, None)
    assert rows_of(workbook(report)["Répartition par sexe"])["Femme"] == (28, None, 0.41)


def test_header_row_is_bold_and_stays_visible_when_scrolling(report):
    sheet = workbook(report)["Origine de la rencontre"]
    assert [cell.value for cell in sheet[4]] == ["Origine", "Total", "H", "F", "NB", "Non renseigné", "%"]
    assert all(cell.font.bold for cell in sheet[4])
    assert sheet.freeze_panes == "B5"
    assert sheet.column_dimensions["A"].width > len("Démarche personnelle du jeune")


def test_comparison_puts_the_previous_period_next_to_each_column(compared_report):
    sheet = workbook(compared_report)["Domaines travaillés"]
    assert [cell.value for cell in sheet[4]][:3] == [
        "Domaines travaillés",
        "Total",
        "Total (période précédente)",
    ]
    assert rows_of(sheet)["Comportement"][:4] == (73, 72, 37, 36)
    notes = [value for (value,) in sheet.iter_rows(min_row=5, max_col=1, values_only=True) if value]
    assert notes[-1] == "Période précédente\u00a0: du 14 septembre 2022 au 8 mai 2023"


def test_summary_sheet_gives_the_scope_and_key_figures_as_numbers(report):
    sheet = workbook(report, NARRATIVE)["Bilan"]
    lines = {
        label: value for label, value in sheet.iter_rows(min_row=4, max_col=2, values_only=True) if label
    }
    assert sheet["A2"].value == "EMPS Montigny-en-Gohelle, du 9 mai 2023 au 31 décembre 2023"
    assert lines["Organisation"] == "Association Rencontres et Loisirs"
    assert lines["Jeunes rencontrés dans la période"] == 68
    assert lines["Jeunes en contact"] == 67
    assert lines["Heures de présence sociale"] == 246
    assert lines["Perspectives"] == NARRATIVE["perspectives"]
    assert "Plus-value générale" not in lines  # no text written for it


def test_actions_partners_and_missing_data_are_listed(report):
    book = workbook(report)
    actions = list(book["Actions collectives"].iter_rows(min_row=5, values_only=True))
    assert actions[0][0] == "Séjour Marché de Noël Maastricht et Bruges"
    assert actions[0][1:] == ("Séjour", "16/12/2023 – 17/12/2023", 1, 2, "Porteur", 8)
    assert [name for (name,) in book["Partenaires"].iter_rows(min_row=5, values_only=True)] == [
        "Centre social",
        "École buissonnière",
        "UFOLEP",
    ]
    gaps = list(book["Données manquantes"].iter_rows(min_row=5, values_only=True))
    assert gaps[0] == ("Kylian D.", 41, "âge, sexe")


def test_report_without_missing_data_has_no_missing_data_sheet(report):
    assert "Données manquantes" not in workbook(replace(report, data_gaps=())).sheetnames


def test_figure_masked_in_an_external_report_holds_the_mark_never_a_number(report, settings):
    settings.CARNET_SMALL_COUNT_THRESHOLD = 3
    domains = report.table(keys.DOMAINS)
    justice = domains.rows[-1]
    hidden = replace(justice, cells=tuple(replace(cell, value=None, hidden=True) for cell in justice.cells))
    table = replace(domains, rows=(*domains.rows[:-1], hidden))
    sheet = workbook(replace(report, tables=(table, *report.tables[1:])))["Domaines travaillés"]
    assert rows_of(sheet)["Justice"] == ("s", "s", "s")


def test_long_or_forbidden_titles_become_valid_unique_sheet_names(report):
    def table(key, title):
        values = {keys.COUNT: 4}
        return Table(
            key=key, title=title, columns=(Column(keys.COUNT, "Nombre"),), rows=(row(key, "a", "A", values),)
        )

    titles = ["Actions: [type] / catégorie?", "Actions: [type] / catégorie?", "Bilan", "É" * 40]
    tables = [keys.MODALITY, keys.PRESENCE, keys.SEX, keys.SITUATION]
    names = workbook(replace(report, tables=tuple(map(table, tables, titles)))).sheetnames
    assert names[1:5] == ["Actions type - catégorie", "Actions type - catégorie (2)", "Bilan (2)", "É" * 31]
    assert all(len(name) <= 31 for name in names)
