"""Preparing, rendering and issuing reports."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from carnet.access import audit
from carnet.access.models import AuditAction, User
from carnet.kept_reports.services import kept
from carnet.organisations.models import Funder

from .build import build_report
from .disclosure import ExternalPlan, external_plan, with_previous
from .figures import known_keys
from .model_library import funder_models, model_for, models_for
from .model_tables import ModelTableOptions
from .models import Audience, IssuedReport, IssuedReportFile, ReportDraft, ReportFormat
from .queries import issued_external_reports
from .renderers.narrative import tokens_in
from .renderers.outline import FunderMark, Outline, build_outline
from .renderers.printable import printable_outline
from .report import ActivityReport
from .report_models import ReportModel
from .scope import ReportScope
from .serialize import report_to_data

CONTENT_TYPES = {
    ReportFormat.HTML: "text/html; charset=utf-8",
    ReportFormat.PDF: "application/pdf",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.ODT: "application/vnd.oasis.opendocument.text",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.JSON: "application/json",
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
def draft_save_section(*, scope: ReportScope, section: str, text: str, user: User) -> ReportDraft:
    """Save a section's text; a live figure must be one Carnet knows (``{youths_in_contact}``)."""
    unknown = sorted(set(tokens_in(text)) - known_keys())
    if unknown:
        names = ", ".join(f"{{{token}}}" for token in unknown)
        raise ValidationError(
            ngettext(
                "Chiffre inconnu dans le texte : %(names)s. Choisissez un chiffre dans la liste.",
                "Chiffres inconnus dans le texte : %(names)s. Choisissez des chiffres dans la liste.",
                len(unknown),
            )
            % {"names": names}
        )
    draft, _created = ReportDraft.objects.select_for_update().get_or_create(**_draft_lookup(scope))
    draft.narrative = {**draft.narrative, str(section): text.strip()}
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


def funder_marks(funders) -> list[FunderMark]:
    """Logos are uploaded to MEDIA_ROOT; documents read them as local files.
    A logo whose file went missing leaves the funder's name instead."""
    marks = []
    for funder in funders:
        path = Path(settings.MEDIA_ROOT) / funder.logo.name if funder.logo else None
        marks.append(FunderMark(name=funder.name, logo=path if path is not None and path.is_file() else None))
    return marks


@dataclass(frozen=True)
class Rendering:
    content: bytes
    content_type: str
    filename: str


def report_model(*, scope: ReportScope, draft: ReportDraft | None, slug: str | None = None) -> ReportModel:
    """The model a report is laid out with: ``slug`` if given, else the draft's, else the one
    its first funder expects (in name order), else Carnet's."""
    chosen = slug if slug is not None else (draft.model if draft else "")
    if not chosen and draft is not None:
        expected = funder_models(organisation_id=scope.organisation_id)
        chosen = next((expected[f.pk] for f in draft.funders.all() if f.pk in expected), "")
    return model_for(organisation_id=scope.organisation_id, slug=chosen)


@transaction.atomic
def draft_set_model(*, scope: ReportScope, slug: str, user: User) -> ReportDraft:
    if slug not in models_for(organisation_id=scope.organisation_id):
        raise ValidationError(_("Modèle de bilan inconnu : « %(slug)s ».") % {"slug": slug})
    draft, _created = ReportDraft.objects.get_or_create(**_draft_lookup(scope))
    draft.model = slug
    draft.updated_by = user
    draft.save()
    return draft


def report_for(
    *,
    scope: ReportScope,
    audience: str = Audience.INTERNAL,
    compare: bool = False,
    model: ReportModel | None = None,
) -> ActivityReport:
    options = model.table_options if model is not None else None
    if audience != Audience.EXTERNAL:
        return build_report(scope=scope, compare_with_previous=compare, options=options)
    report = external_plan_for(scope=scope, options=options).report
    if compare:
        # Each period is protected on its own (with the reports issued for it), then paired.
        report = with_previous(report, external_plan_for(scope=scope.previous(), options=options).report)
    return report


def page_report(
    *, scope: ReportScope, compare: bool, draft: ReportDraft | None, model: ReportModel
) -> tuple[ActivityReport, Outline]:
    """The internal report of the report page and its outline with the draft's texts, kept
    between requests until a write changes what they read (``carnet.kept_reports``; the
    draft's texts are records too): directors opening the same report do not each build it
    again. Both are kept together, as of one version of the data."""
    keep_empty = not scope.is_organisation

    def make() -> tuple[ActivityReport, Outline]:
        report = report_for(scope=scope, compare=compare, model=model)
        outline = outline_for(
            report=report, draft=draft, audience=Audience.INTERNAL, model=model, keep_empty=keep_empty
        )
        return report, outline

    # The outline says the day it was made: a report kept from yesterday is made again.
    key = ("page", *_scope_key(scope), compare, model.slug, draft.pk if draft else None, timezone.localdate())
    return kept(key=key, make=make)


def _scope_key(scope: ReportScope) -> tuple:
    team = scope.team.pk if scope.team else None
    commune = scope.commune.pk if scope.commune else None
    return (team, scope.organisation_id, commune, scope.start, scope.end)


def external_plan_for(
    *, scope: ReportScope, report: ActivityReport | None = None, options: ModelTableOptions | None = None
) -> ExternalPlan:
    """The external version of ``scope``'s report (``report`` when already built, else built
    with the model's ``options``), protected together with the external reports already issued
    for the same team and period, and what it masks."""
    issued = [] if scope.is_organisation else issued_external_reports(scope=scope)
    return external_plan(
        report or build_report(scope=scope, options=options),
        threshold=settings.CARNET_SMALL_COUNT_THRESHOLD,
        issued=issued,
    )


def filename_for(*, scope: ReportScope, fmt: str, audience: str) -> str:
    where = scope.commune.name if scope.commune else scope.name
    suffix = "-financeurs" if audience == Audience.EXTERNAL else ""
    return f"bilan-{slugify(where)}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}{suffix}.{fmt}"


def outline_for(
    *,
    report: ActivityReport,
    draft: ReportDraft | None,
    audience: str,
    model: ReportModel,
    keep_empty: bool = False,
) -> Outline:
    """The document of ``report`` with the draft's texts and funders: what every format shows."""
    return build_outline(
        report=report,
        model=model,
        narrative=draft.narrative if draft else {},
        funders=funder_marks(draft.funders.all()) if draft else [],
        external=audience == Audience.EXTERNAL,
        keep_empty=keep_empty,
    )


def render(*, outline: Outline, fmt: str) -> bytes:
    from .renderers import docx, json, odt, xlsx
    from .renderers.html import render_html
    from .renderers.pdf import render_pdf

    outline = printable_outline(outline)
    renderers = {
        ReportFormat.HTML: lambda: render_html(outline=outline).encode(),
        ReportFormat.PDF: lambda: render_pdf(outline=outline),
        ReportFormat.DOCX: lambda: docx.render_docx(outline=outline),
        ReportFormat.ODT: lambda: odt.render_odt(outline=outline),
        ReportFormat.XLSX: lambda: xlsx.render_xlsx(outline=outline),
        ReportFormat.JSON: lambda: json.render_json(outline=outline),
    }
    if fmt not in renderers:
        raise ValueError(f"Unknown report format: {fmt!r}")
    return renderers[fmt]()


def report_render(
    *, scope: ReportScope, fmt: str, audience: str = Audience.INTERNAL, model_slug: str | None = None
) -> Rendering:
    """A report of the records as they are now, in one format (with ``model_slug``'s model)."""
    draft = draft_get(scope=scope)
    model = report_model(scope=scope, draft=draft, slug=model_slug)
    report = report_for(scope=scope, audience=audience, model=model)
    outline = outline_for(report=report, draft=draft, audience=audience, model=model)
    content = render(outline=outline, fmt=fmt)
    filename = filename_for(scope=scope, fmt=fmt, audience=audience)
    audit.record(action=AuditAction.EXPORT, target=scope.audit_target, target_label=f"bilan {filename}")
    return Rendering(content, CONTENT_TYPES[fmt], filename)


@transaction.atomic
def report_issue(*, scope: ReportScope, audience: str, user: User) -> IssuedReport:
    """Freeze the report: figures, texts and every format are stored as they are now."""
    _draft_lookup(scope)  # refuses an organisation's report
    draft = draft_get(scope=scope)
    funders = list(draft.funders.all()) if draft else []
    model = report_model(scope=scope, draft=draft)
    report = report_for(scope=scope, audience=audience, model=model)
    outline = outline_for(report=report, draft=draft, audience=audience, model=model)
    # The texts are frozen with their live figures' values, as the files print them.
    narrative = {
        block.key: block.text
        for section in outline.sections
        for block in section.blocks
        if block.kind == "narrative"
    }
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
        model_name=model.name,
        issued_by=user,
    )
    for fmt in ReportFormat:
        content = render(outline=outline, fmt=fmt)
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
