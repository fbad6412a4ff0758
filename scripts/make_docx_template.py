#!/usr/bin/env python3
"""Write the Word template of the bilan d'activité shipped with Carnet.

    .venv/bin/python scripts/make_docx_template.py [OUTPUT]

The template (carnet/reports/templates_office/bilan.docx by default) holds the
styles and the Jinja tags that ``carnet.reports.renderers.docx`` fills; the
fields are described in docs/docx-template.md. An association can open the
result in Word or LibreOffice, change fonts, colours, logos and wording, and
point the CARNET_DOCX_TEMPLATE setting to its own copy.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "carnet" / "reports" / "templates_office" / "bilan.docx"

FONT = "Arial"
INK = RGBColor(0x1D, 0x27, 0x33)
MUTED = RGBColor(0x55, 0x60, 0x6E)
BRAND = RGBColor(0x0B, 0x55, 0x61)
ACCENT = RGBColor(0xB4, 0x45, 0x1F)


def set_font(style, *, size: float, color: RGBColor = INK, bold: bool = False, italic: bool = False) -> None:
    """Font of a style, with the theme fonts and colours of the default template removed."""
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = color
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:cs"), FONT)


def paragraph_style(document, name: str, *, base: str = "Normal", **font):
    styles = document.styles
    style = (
        styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    style.base_style = styles[base] if name != base else None
    set_font(style, **font)
    return style


def border(style, color: str, *, side: str = "bottom", size: int = 8, space: int = 2) -> None:
    properties = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    for key, value in {"w:val": "single", "w:sz": str(size), "w:space": str(space), "w:color": color}.items():
        line.set(qn(key), value)
    borders.append(line)
    properties.append(borders)


def french_defaults(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), "fr-FR")
    language.set(qn("w:eastAsia"), "fr-FR")


def define_styles(document) -> None:
    french_defaults(document)
    normal = paragraph_style(document, "Normal", base="Normal", size=10)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, color, before, after in (
        ("Heading 1", 16, BRAND, 20, 8),
        ("Heading 2", 12, BRAND, 14, 6),
        ("Heading 3", 10.5, INK, 10, 4),
    ):
        style = paragraph_style(document, name, size=size, color=color, bold=True)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    border(document.styles["Heading 1"], "B4451F", size=12)
    for name in ("List Bullet", "List Bullet 2"):
        paragraph_style(document, name, size=10).paragraph_format.space_after = Pt(2)
    over = paragraph_style(document, "Carnet Surtitre", size=11, color=MUTED, bold=True)
    over.paragraph_format.space_before = Pt(110)
    over.paragraph_format.space_after = Pt(24)
    # The title block hangs on a thick bar of the brand colour, as on the web pages.
    for name, size, color, bold, after in (
        ("Carnet Sous-titre", 14, INK, False, 2),
        ("Carnet Titre", 30, BRAND, True, 4),
        ("Carnet Période", 16, ACCENT, True, 0),
    ):
        style = paragraph_style(document, name, size=size, color=color, bold=bold)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.left_indent = Pt(14)
        border(style, "0B5561", side="left", size=36, space=12)
    rubric = paragraph_style(document, "Carnet Rubrique", size=9, color=MUTED, bold=True)
    rubric.paragraph_format.space_before = Pt(60)
    rubric.paragraph_format.space_after = Pt(6)
    border(rubric, "D5DBE3")
    paragraph_style(
        document, "Carnet Financeur", size=12, color=INK, bold=True
    ).paragraph_format.space_after = Pt(3)
    note = paragraph_style(document, "Carnet Note", size=8.5, color=MUTED, italic=True)
    note.paragraph_format.space_before = Pt(3)
    footer = paragraph_style(document, "Footer", size=8, color=MUTED)
    # The default template's stops are for Letter paper: one right stop at the A4 margin instead.
    footer.paragraph_format.tab_stops.clear_all()
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)


def page_number(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def add(document, text: str, style: str = "Normal"):
    return document.add_paragraph(text, style=style)


def title_page(document) -> None:
    add(document, "{{ organisation }}", "Carnet Surtitre")
    add(document, "{{ title }}", "Carnet Sous-titre")
    add(document, "{{ team }}", "Carnet Titre")
    add(document, "{%p if commune %}")
    add(document, "Commune de {{ commune }}", "Carnet Sous-titre")
    add(document, "{%p endif %}")
    add(document, "{{ period|capitalize }}", "Carnet Période").paragraph_format.space_before = Pt(10)
    add(document, "{%p if disclosure_note %}")
    add(document, "{{ disclosure_note }}", "Carnet Note")
    add(document, "{%p endif %}")
    add(document, "{%p if funders %}")
    add(document, "PARTENAIRES FINANCIERS", "Carnet Rubrique")
    add(document, "{{p funders_block }}")
    add(document, "{%p endif %}")
    closing = add(document, "Document établi le {{ generated_on }} avec Carnet.", "Carnet Note")
    closing.paragraph_format.space_before = Pt(60)
    closing.add_run().add_break(WD_BREAK.PAGE)


def body(document) -> None:
    add(document, "L’essentiel", "Heading 1")
    add(document, "{{p key_figures_table }}")
    add(document, "{%p if comparison_note %}")
    add(document, "{{ comparison_note }}", "Carnet Note")
    add(document, "{%p endif %}")
    add(document, "{%p for section in sections %}")
    add(document, "{{ section.title }}", "Heading 1")
    add(document, "{{p section.body }}")
    add(document, "{%p endfor %}")


def main(output: Path) -> None:
    document = Document()
    define_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("{{ team }} — {{ title }} {{ period }}\tpage ")
    page_number(footer)
    title_page(document)
    body(document)
    document.core_properties.title = "{{ title }} — {{ scope_label }}"
    document.core_properties.author = "{{ organisation }}"
    document.core_properties.language = "fr-FR"
    output.parent.mkdir(parents=True, exist_ok=True)
    document.save(output)
    print(f"Written {output}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
