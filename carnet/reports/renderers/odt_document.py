"""The OpenDocument text Carnet writes: its named styles ("Titre 1", "Cellule nombre"...) and the
helpers that add content in order (``odt.render_odt`` walks the outline through them)."""

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from odf import draw
from odf import table as odf_table
from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from odf.style import (
    FontFace,
    Footer,
    GraphicProperties,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TabStop,
    TabStops,
    TextProperties,
)

from .images import Picture
from .narrative import Block
from .outline import DATA_GAPS_SHOWN, Grid, ItemList, Outline

FONT = "Liberation Sans"
INK = "#1d2733"
MUTED = "#55606e"
LINE = "#d5dbe3"
BRAND = "#0b5561"
ACCENT = "#b4451f"
TOTAL_FILL = "#e3eef0"
CARD_FILL = "#eef4f5"
TEXT_WIDTH_CM = 17.0
LOGO_HEIGHT_CM = 1.8


class Document:
    """An OpenDocumentText with Carnet's styles, and helpers to add content in order."""

    def __init__(self):
        self.odf = OpenDocumentText()
        self.styles: dict[str, Style] = {}
        self.tables = 0
        self.pictures = 0
        self.odf.fontfacedecls.addElement(
            FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss", fontpitch="variable")
        )
        self._page_styles()
        self._paragraph_styles()

    # Styles

    def _add_style(self, name: str, family: str, *properties, automatic: bool = False, **attributes) -> Style:
        style = Style(name=name, family=family, **attributes)
        for item in properties:
            style.addElement(item)
        (self.odf.automaticstyles if automatic else self.odf.styles).addElement(style)
        self.styles[name] = style
        return style

    def _text_style(
        self, name: str, *, size: float, color: str = INK, bold: bool = False, **options
    ) -> Style:
        """A paragraph style; ``options`` are paragraph properties, plus ``italic`` and style attributes."""
        weight = "bold" if bold else "normal"
        text = TextProperties(
            fontname=FONT,
            fontsize=f"{size}pt",
            fontsizecomplex=f"{size}pt",
            color=color,
            fontweight=weight,
            fontweightcomplex=weight,
            fontstyle="italic" if options.pop("italic", False) else "normal",
            language="fr",
            country="FR",
        )
        attributes = {
            key: options.pop(key) for key in ("defaultoutlinelevel", "masterpagename") if key in options
        }
        tab_stop = options.pop("tab_stop", None)
        paragraph = ParagraphProperties(**options)
        if tab_stop:
            stops = TabStops()
            stops.addElement(TabStop(position=tab_stop, type="right"))
            paragraph.addElement(stops)
        return self._add_style(name, "paragraph", paragraph, text, displayname=name, **attributes)

    def _page_styles(self) -> None:
        layout = PageLayout(name="A4")
        layout.addElement(
            PageLayoutProperties(
                pagewidth="21cm",
                pageheight="29.7cm",
                printorientation="portrait",
                margintop="2cm",
                marginbottom="1.5cm",
                marginleft="2cm",
                marginright="2cm",
            )
        )
        self.odf.automaticstyles.addElement(layout)
        self.page = MasterPage(name="Standard", pagelayoutname=layout)
        self.odf.masterstyles.addElement(self.page)
        self.odf.masterstyles.addElement(
            MasterPage(name="Titre", pagelayoutname=layout, nextstylename="Standard")
        )

    def _paragraph_styles(self) -> None:
        bar = {"borderleft": f"3pt solid {BRAND}", "paddingleft": "0.4cm", "joinborder": "true"}
        self._text_style("Standard", size=10, margintop="0cm", marginbottom="0.14cm", lineheight="115%")
        self._text_style(
            "Surtitre", size=11, color=MUTED, bold=True, masterpagename="Titre", margintop="3.9cm"
        )
        # The title block hangs on a brand-coloured bar, as in the DOCX.
        self._text_style("Sous-titre", size=14, marginbottom="0.07cm", margintop="0.85cm", **bar)
        self._text_style("Titre", size=30, color=BRAND, bold=True, marginbottom="0.14cm", **bar)
        self._text_style("Période", size=16, color=ACCENT, bold=True, margintop="0.35cm", **bar)
        self._text_style(
            "Rubrique",
            size=9,
            color=MUTED,
            bold=True,
            margintop="2.1cm",
            marginbottom="0.2cm",
            borderbottom=f"0.5pt solid {LINE}",
            paddingbottom="0.05cm",
        )
        self._text_style("Financeur", size=9, color=MUTED, textalign="center", marginbottom="0.1cm")
        self._text_style("Note", size=8.5, color=MUTED, italic=True, margintop="0.1cm")
        self._text_style("Note de fin", size=8.5, color=MUTED, italic=True, margintop="2.1cm")
        heading = {"keepwithnext": "always", "defaultoutlinelevel": "1"}
        underline = {"borderbottom": f"1.5pt solid {ACCENT}", "paddingbottom": "0.05cm"}
        first = {"size": 16, "color": BRAND, "bold": True, "marginbottom": "0.28cm", **heading, **underline}
        self._text_style("Titre 1", margintop="0.7cm", **first)
        self._text_style("Titre 1 page", breakbefore="page", margintop="0cm", **first)
        heading["defaultoutlinelevel"] = "2"
        second = {"size": 12, "color": BRAND, "bold": True, "marginbottom": "0.2cm", **heading}
        self._text_style("Titre 2", margintop="0.5cm", **second)
        self._text_style("Pied de page", size=8, color=MUTED, tab_stop=f"{TEXT_WIDTH_CM}cm")
        cell = {"margintop": "0.03cm", "marginbottom": "0.03cm"}
        self._text_style("Cellule", size=9, **cell)
        self._text_style("Cellule nombre", size=9, textalign="end", **cell)
        self._text_style("En-tête", size=9, color="#ffffff", bold=True, **cell)
        self._text_style("En-tête nombre", size=9, color="#ffffff", bold=True, textalign="end", **cell)
        self._text_style("Total", size=9, bold=True, **cell)
        self._text_style("Total nombre", size=9, bold=True, textalign="end", **cell)
        self._text_style("Non renseigné", size=9, color=MUTED, italic=True, **cell)
        self._text_style(
            "Chiffre clé", size=18, color=BRAND, bold=True, margintop="0.05cm", marginbottom="0cm"
        )
        self._text_style("Chiffre clé libellé", size=8.5, color=MUTED, marginbottom="0.1cm")
        self._add_style(
            "Période précédente", "text", TextProperties(fontsize="7.5pt", color=MUTED, fontweight="normal")
        )
        self._add_style("Gras", "text", TextProperties(fontweight="bold", fontweightcomplex="bold"))
        self._add_style("Italique", "text", TextProperties(fontstyle="italic", fontstylecomplex="italic"))
        self._add_style(
            "Gras italique",
            "text",
            TextProperties(
                fontweight="bold", fontweightcomplex="bold", fontstyle="italic", fontstylecomplex="italic"
            ),
        )
        for name, fill, top in (
            ("c-en-tête", BRAND, "none"),
            ("c-corps", None, "none"),
            ("c-total", TOTAL_FILL, f"0.75pt solid {BRAND}"),
        ):
            properties = TableCellProperties(
                padding="0.08cm",
                bordertop=top,
                borderbottom=f"0.5pt solid {LINE}",
                borderleft="none",
                borderright="none",
                backgroundcolor=fill or "transparent",
            )
            self._add_style(name, "table-cell", properties, automatic=True)
        # A row is never split across two pages (LibreOffice's default splits a tall row).
        self._add_style("l-ligne", "table-row", TableRowProperties(keeptogether="always"), automatic=True)
        self._add_style("p-centre", "paragraph", ParagraphProperties(textalign="center"), automatic=True)
        frame = GraphicProperties(verticalpos="top", verticalrel="baseline", horizontalpos="center")
        self._add_style("f-image", "graphic", frame, automatic=True)
        card = TableCellProperties(padding="0.15cm", border="2pt solid #ffffff", backgroundcolor=CARD_FILL)
        self._add_style("c-carte", "table-cell", card, automatic=True)
        self._add_style(
            "c-vide", "table-cell", TableCellProperties(padding="0.15cm", border="none"), automatic=True
        )
        bullets = odf_text.ListStyle(name="Puces")
        for level in (1, 2):
            bullet = odf_text.ListLevelStyleBullet(level=level, bulletchar="•" if level == 1 else "◦")
            indent = f"{0.6 * level:.1f}cm"
            bullet.addElement(ListLevelProperties(spacebefore=indent, minlabelwidth="0.5cm"))
            bullets.addElement(bullet)
        self.odf.styles.addElement(bullets)
        self.bullets = bullets

    # Content

    def footer(self, text: str) -> None:
        footer = Footer()
        paragraph = odf_text.P(stylename=self.styles["Pied de page"], text=text)
        paragraph.addElement(odf_text.Tab())
        paragraph.addText(_("page") + " ")
        paragraph.addElement(odf_text.PageNumber(selectpage="current", text="1"))
        footer.addElement(paragraph)
        self.page.addElement(footer)

    def paragraph(self, text: str, style: str = "Standard"):
        paragraph = odf_text.P(stylename=self.styles[style], text=text)
        self.odf.text.addElement(paragraph)
        return paragraph

    def written(self, block: Block):
        """A line of the team's text, its bold and italic pieces in their own spans."""
        paragraph = odf_text.P(stylename=self.styles["Standard"])
        for run in block.runs:
            style = {(True, False): "Gras", (False, True): "Italique", (True, True): "Gras italique"}.get(
                (run.bold, run.italic)
            )
            if style is None:
                paragraph.addText(run.text)
            else:
                paragraph.addElement(odf_text.Span(stylename=self.styles[style], text=run.text))
        return paragraph

    def heading(self, text: str, level: int, *, new_page: bool = False) -> None:
        style = "Titre 1 page" if new_page else f"Titre {level}"
        self.odf.text.addElement(odf_text.H(outlinelevel=level, stylename=self.styles[style], text=text))

    def blocks(self, blocks: tuple[Block, ...]) -> None:
        """Paragraphs, and bullets as real lists (a nested bullet in the previous item)."""
        current = None
        item = None
        for block in blocks:
            if block.level == 0:
                current = None
                self.odf.text.addElement(self.written(block))
                continue
            if current is None:
                current = odf_text.List(stylename=self.bullets)
                self.odf.text.addElement(current)
                item = None
            if block.level == 2 and item is not None:
                nested = odf_text.List()
                nested_item = odf_text.ListItem()
                nested_item.addElement(self.written(block))
                nested.addElement(nested_item)
                item.addElement(nested)
                continue
            item = odf_text.ListItem()
            item.addElement(self.written(block))
            current.addElement(item)

    def _table(self, widths: Sequence[float]):
        self.tables += 1
        name = f"Tableau{self.tables}"
        table_style = self._add_style(
            name,
            "table",
            TableProperties(
                width=f"{TEXT_WIDTH_CM}cm", align="margins", margintop="0.1cm", marginbottom="0.3cm"
            ),
            automatic=True,
        )
        table = odf_table.Table(name=name, stylename=table_style)
        for index, width in enumerate(widths):
            column = self._add_style(
                f"{name}.{index}",
                "table-column",
                TableColumnProperties(columnwidth=f"{TEXT_WIDTH_CM * width / sum(widths):.2f}cm"),
                automatic=True,
            )
            table.addElement(odf_table.TableColumn(stylename=column))
        self.odf.text.addElement(table)
        return table

    def _cell(self, row, text: str, *, cell_style: str, style: str, previous: str = ""):
        cell = odf_table.TableCell(stylename=self.styles[cell_style], valuetype="string")
        paragraph = odf_text.P(stylename=self.styles[style], text=text)
        if previous:
            paragraph.addElement(
                odf_text.Span(stylename=self.styles["Période précédente"], text=f"\u00a0({previous})")
            )
        cell.addElement(paragraph)
        row.addElement(cell)

    def grid(self, grid: Grid) -> None:
        table = self._table(grid.fitted_widths(TEXT_WIDTH_CM))
        headers = odf_table.TableHeaderRows()
        header = odf_table.TableRow(stylename=self.styles["l-ligne"])
        for text, numeric in zip(grid.all_headers, (False, *grid.numeric), strict=True):
            style = "En-tête nombre" if numeric else "En-tête"
            self._cell(header, text, cell_style="c-en-tête", style=style)
        headers.addElement(header)
        table.addElement(headers)
        numbers = (False, *grid.numeric)
        for data in grid.rows:
            row = odf_table.TableRow(stylename=self.styles["l-ligne"])
            texts = (data.label, *(cell.text for cell in data.cells))
            previous = ("", *(cell.bracket for cell in data.cells))
            for text, before, numeric in zip(texts, previous, numbers, strict=True):
                if data.is_total:
                    style = "Total nombre" if numeric else "Total"
                elif data.is_not_recorded and not numeric:
                    style = "Non renseigné"
                else:
                    style = "Cellule nombre" if numeric else "Cellule"
                cell_style = "c-total" if data.is_total else "c-corps"
                self._cell(row, text, cell_style=cell_style, style=style, previous=before)
            table.addElement(row)

    def key_figures(self, figures: list[tuple[str, str]]) -> None:
        per_row = 4 if len(figures) > 6 else 3
        table = self._table([1] * per_row)
        for start in range(0, len(figures), per_row):
            row = odf_table.TableRow(stylename=self.styles["l-ligne"])
            line = figures[start : start + per_row]
            for label, value in line + [("", "")] * (per_row - len(line)):
                cell = odf_table.TableCell(stylename=self.styles["c-carte" if value else "c-vide"])
                cell.addElement(odf_text.P(stylename=self.styles["Chiffre clé"], text=value))
                cell.addElement(odf_text.P(stylename=self.styles["Chiffre clé libellé"], text=label))
                row.addElement(cell)
            table.addElement(row)

    def _frame(self, href: str, width_cm: float, height_cm: float, name: str):
        frame = draw.Frame(
            stylename=self.styles["f-image"],
            width=f"{width_cm:.2f}cm",
            height=f"{height_cm:.2f}cm",
            anchortype="as-char",
            name=name,
        )
        frame.addElement(draw.Image(href=href))
        return frame

    def picture(self, picture: Picture) -> None:
        """A chart, centred, at most the text's width."""
        self.pictures += 1
        href = self.odf.addPicture(f"Pictures/graphique-{self.pictures}.png", "image/png", picture.png)
        width, height = picture.size_cm(max_width_cm=TEXT_WIDTH_CM)
        paragraph = odf_text.P(stylename=self.styles["p-centre"])
        paragraph.addElement(self._frame(href, width, height, f"Graphique{self.pictures}"))
        self.odf.text.addElement(paragraph)

    def item_list(self, block: ItemList) -> None:
        if block.note:
            self.paragraph(block.note)
        items = [f"{item.text} : {item.detail}" if item.detail else item.text for item in block.items]
        self.blocks(tuple(Block(text, 1) for text in items[:DATA_GAPS_SHOWN]))

    def funders(self, outline: Outline) -> None:
        """The funders' logos side by side, each centred above its name, in equal columns."""
        from PIL import Image

        count = len(outline.funders)
        table = self._table([1] * count)
        logos = odf_table.TableRow(stylename=self.styles["l-ligne"])
        names = odf_table.TableRow(stylename=self.styles["l-ligne"])
        for index, funder in enumerate(outline.funders, start=1):
            cell = odf_table.TableCell(stylename=self.styles["c-vide"])
            paragraph = odf_text.P(stylename=self.styles["p-centre"])
            if funder.logo is not None:
                content = funder.logo.read_bytes()
                with Image.open(io.BytesIO(content)) as image:
                    pixels_wide, pixels_high = image.size
                box = TEXT_WIDTH_CM / count * 0.8
                scale = min(box / pixels_wide, LOGO_HEIGHT_CM / pixels_high)
                kind = "image/png" if funder.logo.suffix.lower() == ".png" else "image/jpeg"
                href = self.odf.addPicture(
                    f"Pictures/logo-{index}{funder.logo.suffix.lower()}", kind, content
                )
                paragraph.addElement(
                    self._frame(href, pixels_wide * scale, pixels_high * scale, f"Logo{index}")
                )
            cell.addElement(paragraph)
            logos.addElement(cell)
            name = odf_table.TableCell(stylename=self.styles["c-vide"])
            name.addElement(odf_text.P(stylename=self.styles["Financeur"], text=funder.name))
            names.addElement(name)
        table.addElement(logos)
        table.addElement(names)
