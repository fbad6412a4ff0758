"""Writes docs/examples/jeunes.xlsx: a title and a two-row header with merged cells, dates as serials.

.venv/bin/python docs/examples/make_jeunes_xlsx.py
"""

from pathlib import Path

import openpyxl

workbook = openpyxl.Workbook()
sheet = workbook.active
sheet.title = "Jeunes"
for row in (
    ["Suivi des jeunes — EMPS 2023", None, None, None, None],
    ["Identité", None, "Naissance", "Commune", "Origine"],
    ["ID", "Prénom", "Date de naissance", None, None],
    ["J001", "Inès", 39541, "Montigny-en-Gohelle", "Présence sociale"],
    ["J002", "Yanis", 39083, "Montigny-en-Gohelle", "Partenaire"],
):
    sheet.append(row)
for area in ("A1:E1", "A2:B2", "D2:D3", "E2:E3"):
    sheet.merge_cells(area)
workbook.save(Path(__file__).with_name("jeunes.xlsx"))
