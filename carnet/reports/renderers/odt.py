"""The outline as an OpenDocument text (LibreOffice), with the same content as the DOCX.

Built from scratch with odfpy: named paragraph styles ("Titre 1", "Cellule
nombre"...) so an association can restyle the document in LibreOffice, real
tables whose first row repeats on each page and whose rows never split across
pages, figures aligned right, charts as pictures.
"""

import io

from django.utils.translation import gettext as _

from .images import chart_picture
from .odt_document import Document
from .outline import Outline, short_date
from .printable import french


def render_odt(*, outline: Outline) -> bytes:
    document = Document()
    period = outline.period
    document.footer(f"{outline.team} — {outline.title} {period}")
    # Title page
    document.paragraph(outline.organisation, "Surtitre")
    document.paragraph(outline.title, "Sous-titre")
    document.paragraph(outline.team, "Titre")
    if outline.commune:
        document.paragraph(_("Commune de %(commune)s") % {"commune": outline.commune}, "Sous-titre")
    document.paragraph(period[:1].upper() + period[1:], "Période")
    if outline.external:
        document.paragraph(f"{_('Version pour les financeurs.')} {outline.disclosure_note}".strip(), "Note")
    if outline.funders:
        document.paragraph(_("PARTENAIRES FINANCIERS"), "Rubrique")
        document.funders(outline)
    generated = short_date(outline.generated_on)
    document.paragraph(_("Document établi le %(date)s avec Carnet.") % {"date": generated}, "Note de fin")
    # Body
    document.heading(french(_("L'essentiel")), 1, new_page=True)
    document.key_figures([(figure.label, figure.text) for figure in outline.key_figures])
    if outline.comparison_note:
        document.paragraph(outline.comparison_note, "Note")
    for section in outline.sections:
        document.heading(section.title, 1)
        for block in section.blocks:
            if block.kind == "narrative":
                document.blocks(block.blocks)
            elif block.kind == "table":
                if block.title != section.title:
                    document.heading(block.title, 2)
                document.grid(block)
                if block.legend:
                    document.paragraph(block.legend, "Note")
            elif block.kind == "chart":
                document.picture(chart_picture(block.svg))
            else:
                document.item_list(block)
    document.odf.meta.addElement(_meta_title(f"{outline.title} — {outline.scope_label}"))
    output = io.BytesIO()
    document.odf.write(output)
    return output.getvalue()


def _meta_title(title: str):
    from odf.dc import Title

    return Title(text=title)
