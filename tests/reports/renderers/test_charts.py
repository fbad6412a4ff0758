"""SVG charts: valid standalone images, readable by a screen reader, one bar per row."""

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from carnet.reports.renderers.charts import age_sex_chart, domains_chart, origin_chart
from carnet.reports.rules import keys

from .sample import words

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = [domains_chart, age_sex_chart, origin_chart]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return [group for group in root.iter(f"{SVG}g") if group.get("class") == "row"]


def texts(element: ET.Element) -> list[str]:
    return [words(text.text or "") for text in element.iter(f"{SVG}text")]


def with_rows(report, table_key, rows):
    table = report.table(table_key)
    tables = tuple(replace(t, rows=rows) if t.key == table_key else t for t in report.tables)
    return replace(report, tables=tables), table


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_is_a_standalone_svg_image_with_an_accessible_name(report, chart):
    root = parse(chart(report))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label")
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.find(f"{SVG}title").text == root.get("aria-label")
    assert root.find(f"{SVG}desc").text


def test_domains_chart_has_one_bar_per_domain_with_its_figure(report):
    root = parse(domains_chart(report))
    rows = bars(root)
    assert len(rows) == len(report.table(keys.DOMAINS).rows) == 5
    assert texts(rows[0]) == ["Comportement", "73"]
    assert texts(rows[-1]) == ["Justice", "3"]
    widths = [float(row.find(f"{SVG}rect").get("width")) for row in rows]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] / widths[-1] == pytest.approx(73 / 3, rel=0.01)


def test_description_reads_every_figure(report):
    description = parse(origin_chart(report)).find(f"{SVG}desc").text
    assert "Présence sociale : 47" in description
    assert "Démarche personnelle du jeune : 2" in description


def test_age_chart_splits_each_bracket_by_sex(report):
    root = parse(age_sex_chart(report))
    rows = bars(root)
    # Four brackets, and the "Non renseigné" row as two youths have no age.
    assert [texts(row)[0] for row in rows] == [
        "6 - 9 ans",
        "10 - 11 ans",
        "12 - 15 ans",
        "16 - 17 ans",
        "Non renseigné",
    ]
    teens = rows[2]
    assert [rect.get("fill") for rect in teens.iter(f"{SVG}rect")] == ["#0b5561", "#b4451f"]
    assert texts(teens) == ["12 - 15 ans", "22", "16", "38"]
    legend = texts(root)[:3]
    assert legend == ["Homme", "Femme", "Non renseigné"]  # nobody non-binary: no NB entry


def test_empty_not_recorded_row_draws_no_bar(report):
    domains = report.table(keys.ORIGIN)
    root = parse(origin_chart(report))
    assert len(bars(root)) == len(domains.rows) == 4


def test_label_with_markup_stays_text(report):
    domains = report.table(keys.DOMAINS)
    label = '<script>alert("x")</script> & co'
    patched, _table = with_rows(
        report, keys.DOMAINS, (replace(domains.rows[0], label=label), *domains.rows[1:])
    )
    svg = domains_chart(patched)
    root = parse(svg)
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
    assert texts(bars(root)[0])[0] == label
    assert "<script>" not in svg


def test_long_label_is_shortened_and_kept_whole_in_the_tooltip(report):
    domains = report.table(keys.DOMAINS)
    label = "Accompagnement vers les dispositifs d'insertion professionnelle"
    patched, _table = with_rows(
        report, keys.DOMAINS, (replace(domains.rows[0], label=label), *domains.rows[1:])
    )
    row = bars(parse(domains_chart(patched)))[0]
    assert texts(row)[0].endswith("…")
    assert row.find(f"{SVG}title").text == f"{label} : 73"


def test_figures_read_the_french_way(report):
    domains = report.table(keys.DOMAINS)
    first = domains.rows[0]
    big = replace(
        first,
        cells=tuple(replace(c, value=1234) if c.key.column == keys.INTERVENTIONS else c for c in first.cells),
    )
    patched, _table = with_rows(report, keys.DOMAINS, (big, *domains.rows[1:]))
    assert texts(bars(parse(domains_chart(patched)))[0]) == ["Comportement", "1 234"]


def test_masked_count_has_no_bar_and_reads_the_mark_of_the_secret(report, settings):
    settings.CARNET_SMALL_COUNT_THRESHOLD = 3
    origin = report.table(keys.ORIGIN)
    last = origin.rows[-1]
    hidden = replace(last, cells=tuple(replace(cell, value=None, hidden=True) for cell in last.cells))
    patched, _table = with_rows(report, keys.ORIGIN, (*origin.rows[:-1], hidden))
    row = bars(parse(origin_chart(patched)))[-1]
    assert list(row.iter(f"{SVG}rect")) == []
    assert texts(row) == ["Démarche personnelle du jeune", "s"]


def test_chart_of_a_period_without_records_says_so(report):
    domains = report.table(keys.DOMAINS)
    empty = tuple(
        replace(row, cells=tuple(replace(cell, value=0) for cell in row.cells)) for row in domains.rows
    )
    patched, _table = with_rows(report, keys.DOMAINS, empty)
    assert "Aucune donnée pour cette période." in texts(parse(domains_chart(patched)))
