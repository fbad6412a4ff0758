"""Preparing, rendering and issuing reports."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from carnet.access import audit
from carnet.access.models import AuditAction, User
from carnet.organisations.models import Funder

from .build import build_report
from .disclosure import ExternalPlan, external_plan, with_previous
from .models import Audience, IssuedReport, IssuedReportFile, NarrativeSection, ReportDraft, ReportFormat
from .queries import issued_external_reports
from .renderers.html import FunderLogo
from .report import ActivityReport
from .scope import ReportScope
from .serialize import report_to_data

CONTENT_TYPES = {
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.ODT: "application/vnd.oasis.opendocument.text",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _draft_lookup(scope: ReportScope) -> dict:
    # Texts, funders and issuing belong to a team's report: an organisation's report
    # is read and exported, never drafted or issued.
    if scope.is_organisation:
        raise ValueError("An organisation's report has no draft and cannot be issued")
    return {"team": scope.team, "commune": scope.commune, "start": scope.start, "end": scope.end}


def draft_get(*, scope: ReportScope) -> ReportDraft | None:
    if scope.is_organisation:
        return None
    return ReportDraft.objects.filter(**_draft_lookup(scope)).prefetch_related("funders").first()


@transaction.atomic
def draft_save_section(
    *, scope: ReportScope, section: NarrativeSection, text: str, user: User
) -> ReportDraft:
    draft, _created = ReportDraft.objects.select_for_update().get_or_create(**_draft_lookup(scope))
    draft.narrative = {**draft.narrative, section.value: text.strip()}
    draft.updated_by = user
    draft.save()
    return draft


@transaction.atomic
def draft_set_funders(*, scope: ReportScope, funders: list[Funder], user: User) -> ReportDraft:
    draft, _created = ReportDraft.objects.get_or_create(**_draft_lookup(scope))
    draft.funders.set(funders)
    draft.updated_by = user
    draft.save()
    return draft


def available_funders(*, scope: ReportScope, chosen=()):
    """The funders a team's report may show: those financing the team, those the organisation
    lists for none of its teams in particular, and those already chosen. (An association with
    many teams has a commune funder per team: the others' do not belong on this report.)"""
    funders = Funder.objects.filter(organisation=scope.organisation_id)
    if scope.team is not None:
        funders = funders.filter(
            Q(teams=scope.team) | Q(teams__isnull=True) | Q(pk__in=[funder.pk for funder in chosen])
        ).distinct()
    return funders.order_by("name")


def funder_logos(funders) -> list[FunderLogo]:
    """Logos are uploaded to MEDIA_ROOT; WeasyPrint and the page read them as local files.
    A logo whose file went missing leaves the funder's name instead."""
    logos = []
    for funder in funders:
        path = Path(settings.MEDIA_ROOT) / funder.logo.name if funder.logo else None
        src = path.as_uri() if path is not None and path.is_file() else None
        logos.append(FunderLogo(name=funder.name, logo_src=src))
    return logos


@dataclass(frozen=True)
class Rendering:
    content: bytes
    content_type: str
    filename: str


def report_for(
    *, scope: ReportScope, audience: str = Audience.INTERNAL, compare: bool = False
) -> ActivityReport:
    if audience != Audience.EXTERNAL:
        return build_report(scope=scope, compare_with_previous=compare)
    report = external_plan_for(scope=scope).report
    if compare:
        # Each period is protected on its own (with the reports issued for it), then paired.
        report = with_previous(report, external_plan_for(scope=scope.previous()).report)
    return report


def external_plan_for(*, scope: ReportScope, report: ActivityReport | None = None) -> ExternalPlan:
    """The external version of ``scope``'s report (``report`` when already built), protected
    together with the external reports already issued for the same team and period, and
    what it masks."""
    issued = [] if scope.is_organisation else issued_external_reports(scope=scope)
    return external_plan(
        report or build_report(scope=scope), threshold=settings.CARNET_SMALL_COUNT_THRESHOLD, issued=issued
    )


def filename_for(*, scope: ReportScope, fmt: str, audience: str) -> str:
    where = scope.commune.name if scope.commune else scope.name
    suffix = "-financeurs" if audience == Audience.EXTERNAL else ""
    return f"bilan-{slugify(where)}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}{suffix}.{fmt}"


def render(
    *, report: ActivityReport, fmt: str, narrative: dict[str, str], funders: list, audience: str
) -> bytes:
    from .renderers import docx, odt, xlsx
    from .renderers.html import render_html
    from .renderers.pdf import render_pdf

    external = audience == Audience.EXTERNAL
    logos = funder_logos(funders)
    if fmt == ReportFormat.HTML:
        return render_html(report=report, narrative=narrative, funders=logos, external=external).encode()
    if fmt == ReportFormat.PDF:
        return render_pdf(report=report, narrative=narrative, funders=logos, external=external)
    names = [funder.name for funder in funders]
    if fmt == ReportFormat.DOCX:
        return docx.render_docx(report=report, narrative=narrative, funders=names)
    if fmt == ReportFormat.ODT:
        return odt.render_odt(report=report, narrative=narrative, funders=names)
    if fmt == ReportFormat.XLSX:
        return xlsx.render_xlsx(report=report, narrative=narrative)
    raise ValueError(f"Unknown report format: {fmt!r}")


def report_render(*, scope: ReportScope, fmt: str, audience: str = Audience.INTERNAL) -> Rendering:
    """A report of the records as they are now, in one format."""
    draft = draft_get(scope=scope)
    narrative = draft.narrative if draft else {}
    funders = list(draft.funders.all()) if draft else []
    report = report_for(scope=scope, audience=audience)
    content = render(report=report, fmt=fmt, narrative=narrative, funders=funders, audience=audience)
    filename = filename_for(scope=scope, fmt=fmt, audience=audience)
    audit.record(action=AuditAction.EXPORT, target=scope.audit_target, target_label=f"bilan {filename}")
    return Rendering(content, CONTENT_TYPES[fmt], filename)


@transaction.atomic
def report_issue(*, scope: ReportScope, audience: str, user: User) -> IssuedReport:
    """Freeze the report: figures, texts and every format are stored as they are now."""
    _draft_lookup(scope)  # refuses an organisation's report
    draft = draft_get(scope=scope)
    narrative = dict(draft.narrative) if draft else {}
    funders = list(draft.funders.all()) if draft else []
    report = report_for(scope=scope, audience=audience)
    issued = IssuedReport.objects.create(
        team=scope.team,
        commune=scope.commune,
        start=scope.start,
        end=scope.end,
        audience=audience,
        small_count_threshold=settings.CARNET_SMALL_COUNT_THRESHOLD if audience == Audience.EXTERNAL else 0,
        title=scope.label,
        figures=report_to_data(report),
        narrative=narrative,
        funder_names=[funder.name for funder in funders],
        issued_by=user,
    )
    for fmt in ReportFormat:
        content = render(report=report, fmt=fmt, narrative=narrative, funders=funders, audience=audience)
        IssuedReportFile.objects.create(
            report=issued, format=fmt, content=content, sha256=hashlib.sha256(content).hexdigest()
        )
    audit.record(action=AuditAction.REPORT_ISSUE, target=issued, target_label=f"{issued.title} ({audience})")
    return issued


def issued_file(*, issued: IssuedReport, fmt: str) -> Rendering:
    stored = issued.files.get(format=fmt)
    scope = ReportScope(team=issued.team, commune=issued.commune, start=issued.start, end=issued.end)
    return Rendering(
        bytes(stored.content),
        CONTENT_TYPES[fmt],
        filename_for(scope=scope, fmt=fmt, audience=issued.audience),
    )
