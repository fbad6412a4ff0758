"""The outline as PDF: WeasyPrint prints the same HTML and CSS as the page."""

from django.conf import settings

from .html import render_html
from .outline import Outline


def render_pdf(*, outline: Outline) -> bytes:
    # Imported here: WeasyPrint loads Pango at import time, which only PDF needs.
    from weasyprint import HTML

    html = render_html(outline=outline)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
