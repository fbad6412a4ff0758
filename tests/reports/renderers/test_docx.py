"""The Word document: Carnet's template, or the association's own."""

import io
from dataclasses import replace

import docx
import pytest

from carnet.reports.renderers.docx import DEFAULT_TEMPLATE, render_docx
from carnet.reports.renderers.outline import cell_text
from carnet.reports.rules import keys

from .sample import NARRATIVE, outline_of, words

FUNDERS = ["Ministère de la Cohésion des territoires", "ANCT"]


def read(content: bytes) -> docx.Document:
    return docx.Document(io.BytesIO(content))


def word_tables(document) -> list[list[list[str]]]:
    return [[[words(cell.text) for cell in row.cells] for row in table.rows] for table in document.tables]


def paragraphs(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if paragraph.text.strip()]


def test_every_table_of_the_report_is_a_word_table_with_its_figures(report):
    tables = word_tables(read(render_docx(outline=outline_of(report, narrative=NARRATIVE))))
    for table in report.tables:
        expected = [[row.label, *(words(cell_text(cell)) for cell in row.cells)] for row in table.all_rows]
        assert any(found[1:] == expected for found in tables), table.title
        header = next(found[0] for found in tables if found[1:] == expected)
        assert header[1:] == [column.label for column in table.columns]


def test_title_page_names_the_organisation_team_period_and_funders(report):
    text = paragraphs(read(render_docx(outline=outline_of(report, funders=FUNDERS))))
    assert text[:4] == [
        "Association Rencontres et Loisirs",
        "Bilan d'activité",
        "EMPS Montigny-en-Gohelle",
        "Du 9 mai 2023 au 31 décembre 2023",
    ]
    assert "PARTENAIRES FINANCIERS" in text
    funders = next(
        table for table in word_tables(read(render_docx(outline=outline_of(report, funders=FUNDERS))))
    )
    assert funders[1] == FUNDERS  # side by side, each under its logo's place


def test_title_page_without_funders_has_no_funders_heading(report):
    assert "PARTENAIRES FINANCIERS" not in paragraphs(read(render_docx(outline=outline_of(report))))


def test_narrative_sections_are_headings_paragraphs_and_bullets(report):
    document = read(render_docx(outline=outline_of(report, narrative=NARRATIVE)))
    styles = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}
    assert styles["Mise en place"] == "Heading 1"
    assert styles["Recrutement le 9 mai 2023 de Monsieur Jérôme Chavatte."] == "List Bullet"
    assert styles["rencontres MDA, MDS"] == "List Bullet 2"
    assert styles["Les professionnels ont participé à des temps partenariaux."] == "Normal"
    assert styles["Accéder au centre social sur des horaires atypiques."] == "Normal"


def test_written_section_left_empty_is_left_out(report):
    text = paragraphs(read(render_docx(outline=outline_of(report, narrative=NARRATIVE))))
    assert "Perspectives" in text
    assert "Plus-value générale" not in text
    assert "Mise en place" not in paragraphs(read(render_docx(outline=outline_of(report))))


def test_collective_actions_and_partners_are_listed(report):
    document = read(render_docx(outline=outline_of(report)))
    actions = next(table for table in word_tables(document) if table[0][0] == "Action")
    title = "Séjour Marché de Noël Maastricht et Bruges"
    assert actions[1] == [title, "Séjour", "16/12/2023 – 17/12/2023", "1", "2", "Porteur", "8"]
    assert {"Centre social", "École buissonnière", "UFOLEP"} <= set(paragraphs(document))


def test_previous_period_figures_follow_in_brackets(compared_report):
    document = read(render_docx(outline=outline_of(compared_report)))
    domains = next(table for table in word_tables(document) if table[0][0] == "Domaines travaillés")
    assert domains[1] == ["Comportement", "73 (72, +1)", "37 (36, +1)", "22 %"]
    assert any("du 14 septembre 2022 au 8 mai 2023" in line for line in paragraphs(document))


def test_labels_with_markup_characters_stay_text(report):
    domains = report.table(keys.DOMAINS)
    odd = replace(domains.rows[0], label='Santé & <bien-être> "ado"')
    table = replace(domains, rows=(odd, *domains.rows[1:]))
    narrative = {"perspectives": "Travailler avec <le collège> & la MJC"}
    content = render_docx(outline=outline_of(replace(report, tables=(table,)), narrative=narrative))
    document = read(content)
    assert any(row[0] == 'Santé & <bien-être> "ado"' for found in word_tables(document) for row in found)
    assert "Travailler avec <le collège> & la MJC" in paragraphs(document)


def association_template(path) -> None:
    """A template written by an association: its own title and a row loop over one table."""
    document = docx.Document()
    document.add_paragraph("Rapport de {{ team }} pour {{ funders|join(', ') }}")
    table = document.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Domaine", "Interventions", "Jeunes"], strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for row in tables_by_key.domains.rows %}"
    loop = table.rows[2].cells
    loop[0].text = "{{ row.label }}"
    loop[1].text = "{{ row.by_column.interventions }}"
    loop[2].text = "{{ row.by_column.youths }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    document.save(path)


def test_association_template_with_a_row_loop_is_filled(report, tmp_path):
    template = tmp_path / "notre-bilan.docx"
    association_template(template)
    document = read(render_docx(outline=outline_of(report, funders=FUNDERS), template_path=template))
    assert (
        paragraphs(document)[0]
        == "Rapport de EMPS Montigny-en-Gohelle pour Ministère de la Cohésion des territoires, ANCT"
    )
    assert word_tables(document)[0] == [
        ["Domaine", "Interventions", "Jeunes"],
        ["Comportement", "73", "37"],
        ["Santé / Bien être", "53", "33"],
        ["Scolarité", "51", "28"],
        ["Famille", "45", "20"],
        ["Justice", "3", "3"],
    ]


def test_template_comes_from_the_setting_when_not_given(report, tmp_path, settings):
    template = tmp_path / "notre-bilan.docx"
    association_template(template)
    settings.CARNET_DOCX_TEMPLATE = str(template)
    assert paragraphs(read(render_docx(outline=outline_of(report))))[0].startswith("Rapport de EMPS")


@pytest.mark.parametrize("setting", [None, ""])
def test_shipped_template_is_used_without_setting(report, settings, setting):
    settings.CARNET_DOCX_TEMPLATE = setting
    assert DEFAULT_TEMPLATE.exists()
    assert "L’essentiel" in paragraphs(read(render_docx(outline=outline_of(report))))
