"""The PDF is the page's HTML printed by WeasyPrint: its text holds every table."""

import re
import shutil
import subprocess

import pytest

from carnet.reports.build import build_report
from carnet.reports.disclosure import external_version
from carnet.reports.renderers.html import FunderLogo
from carnet.reports.renderers.pdf import render_pdf
from carnet.reports.rules import keys
from tests.reports.activity import record_activity

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is missing"),
]


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "bilan.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_text_holds_every_table_with_its_rows_and_figures(scope, team, commune, tmp_path):
    record_activity(team=team, commune=commune, youths=30)
    report = build_report(scope=scope)
    text = _text(
        render_pdf(report=report, narrative={"perspectives": "Ouvrir le local le samedi."}, funders=[]),
        tmp_path,
    )
    assert "Page 2 /" in text
    assert "Ouvrir le local le samedi." in text
    for table in report.tables:
        assert table.title in text, table.title
        for row in table.rows:
            assert row.label in text, (table.title, row.label)
    total = report.table(keys.MODALITY).total.value(keys.YOUTHS)
    assert str(total) in text


def test_funders_are_named_on_the_title_page(scope, team, commune, tmp_path):
    record_activity(team=team, commune=commune, youths=5)
    pdf = render_pdf(report=build_report(scope=scope), funders=[FunderLogo(name="ANCT", logo_src=None)])
    first_page = _text(pdf, tmp_path).split("\f")[0]
    assert "partenaires financiers" in first_page.lower() and "ANCT" in first_page


def test_external_pdf_shows_masked_figures_with_their_legend_and_no_youth_names(
    scope, team, commune, tmp_path
):
    record_activity(team=team, commune=commune, youths=12)
    report = build_report(scope=scope)
    text = _text(render_pdf(report=external_version(report, threshold=3), external=True), tmp_path)
    assert re.search(r"\bs\b", text)
    assert "secret statistique, seuil 3" in " ".join(text.split())
    assert not re.search(r"<\s?3", text)
    assert "Données manquantes" not in text
    for gap in report.data_gaps:
        assert gap.display_name not in text
