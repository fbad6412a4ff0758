"""The report as an HTML document: the page shows it, the PDF prints it."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import NarrativeSection
from ..presentation import LinkFor, disclosure_note, format_value, report_tables
from ..report import ActivityReport
from ..rules import keys
from .outline import published_youths

REPORT_CSS = Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"

# Where each written section stands in the document, as in the seed report.
SECTIONS_BEFORE = [NarrativeSection.SETUP, NarrativeSection.GENERAL_ACTION]
SECTIONS_MIDDLE = [NarrativeSection.SPECIFIC_ACTIONS]
SECTIONS_AFTER = [NarrativeSection.PERSPECTIVES, NarrativeSection.ADDED_VALUE]

CHART_TABLES = {keys.DOMAINS: "domains_chart", keys.AGE: "age_sex_chart", keys.ORIGIN: "origin_chart"}


@dataclass(frozen=True)
class FunderLogo:
    name: str
    logo_src: str | None


def _section(section: NarrativeSection, narrative: dict[str, str]) -> dict:
    return {"key": section.value, "label": section.label, "text": narrative.get(section.value, "")}


def _charts(report: ActivityReport) -> dict[str, str]:
    from . import charts

    return {table: getattr(charts, name)(report) for table, name in CHART_TABLES.items()}


def _key_figures(report: ActivityReport) -> list[dict[str, str]]:
    general = report.table(keys.GENERAL_ACTION)
    presence = report.table(keys.PRESENCE)
    youths, in_contact = published_youths(report)
    figures = [(_("jeunes en contact"), in_contact), (_("jeunes rencontrés"), youths)]
    figures += [
        (row.label.lower(), row.value(keys.COUNT))
        for row in general.rows
        if row.key
        not in (
            keys.YOUTHS_MET,
            keys.YOUTHS_IN_CONTACT,
        )
    ]
    if presence.total is not None:
        figures.append((_("heures de présence sociale"), presence.total.value(keys.HOURS)))
    return [{"value": format_value(value, column=keys.COUNT), "label": label} for label, value in figures]


# A document lists the first youths with missing data; the XLSX export lists them all.
DATA_GAPS_SHOWN = 100


def _data_gaps(report: ActivityReport, gap_link: Callable[[int], str] | None) -> list[dict]:
    return [
        {
            "name": gap.display_name,
            "missing": ", ".join(str(item.label) for item in gap.missing),
            "href": gap_link(gap.youth_id) if gap_link else None,
        }
        for gap in report.data_gaps[:DATA_GAPS_SHOWN]
    ]


def document_context(
    *,
    report: ActivityReport,
    narrative: dict[str, str] | None = None,
    funders: list[FunderLogo] | None = None,
    link_for: LinkFor | None = None,
    gap_link: Callable[[int], str] | None = None,
    interactive: bool = False,
    external: bool = False,
) -> dict:
    narrative = narrative or {}
    charts = _charts(report)
    blocks = [
        {"table": table, "chart": charts.get(table.key)} for table in report_tables(report, link_for=link_for)
    ]
    scope = report.scope
    return {
        "report": report,
        "title": _("Bilan d'activité — %(scope)s") % {"scope": scope.label},
        "organisation": scope.owner.name,
        "period_label": _("Bilan d'activité %(period)s") % {"period": scope.label.split(", ", 1)[-1]},
        "funders": funders or [],
        "sections_before": [_section(section, narrative) for section in SECTIONS_BEFORE],
        "sections_middle": [_section(section, narrative) for section in SECTIONS_MIDDLE],
        "sections_after": [_section(section, narrative) for section in SECTIONS_AFTER],
        "key_figures": _key_figures(report),
        "blocks": blocks,
        "actions": report.actions,
        "partners": report.partners,
        "data_gaps": [] if external else _data_gaps(report, gap_link),
        "data_gaps_total": 0 if external else len(report.data_gaps),
        "interactive": interactive,
        "external": external,
        "disclosure_note": disclosure_note(report),
        "generated_on": timezone.localdate(),
    }


def render_html(**kwargs) -> str:
    """The standalone document (styles included), for download and for the PDF."""
    context = document_context(**kwargs)
    context["report_css"] = REPORT_CSS.read_text()
    return render_to_string("reports/document.html", context)
