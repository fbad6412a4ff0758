"""The director's privacy pages: the restricted archive, subject access, erasure,
the register entry and the DPIA draft.

Every view requires ``OPEN_ARCHIVE`` (directors) and fetches youths through
``request.teams``: a youth of another organisation is not found (404).
"""

import json

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from carnet.access import audit
from carnet.access.models import AuditAction
from carnet.access.permissions import Capability, require
from carnet.access.visibility import visible_to
from carnet.organisations.models import Organisation
from carnet.youths.models import Youth

from . import documents, queries, services


def _youth(request: HttpRequest, pk: int) -> Youth:
    """Any file of the request's teams, archived or not; finding it writes the read to the audit log."""
    youths = (
        visible_to(request)
        .youth_files()
        .select_related("team", "commune", "quartier", "origin", "merged_into")
    )
    return get_object_or_404(youths, pk=pk)


def _pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango at import time, which only PDF needs.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _download(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require(Capability.OPEN_ARCHIVE)
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # Counted only: no file is read here.
    archived = visible_to(request).archived_youths()
    context = {
        "archived_count": archived.count(),
        "anonymised_count": archived.filter(archive__anonymised_at__isnull=False).count(),
        "due_archive": list(
            queries.due_for_archive(today=today, teams=request.teams).values_list("pk", flat=True)
        ),
        "due_anonymisation": list(
            queries.due_for_anonymisation(today=today, teams=request.teams).values_list("youth_id", flat=True)
        ),
        "active_days": settings.CARNET_RETENTION_ACTIVE_DAYS,
        "archive_days": settings.CARNET_RETENTION_ARCHIVE_DAYS,
    }
    return render(request, "privacy/index.html", context)


@require(Capability.OPEN_ARCHIVE)
def lookup(request: HttpRequest) -> HttpResponse:
    """The youth number typed on the index page: to that youth's file."""
    try:
        pk = int(request.GET.get("jeune", ""))
    except ValueError:
        messages.error(request, "Indiquez le numéro de la fiche (un nombre).")
        return redirect("privacy:index")
    return redirect("privacy:youth", pk=_youth(request, pk).pk)


@require(Capability.OPEN_ARCHIVE)
def archive_list(request: HttpRequest) -> HttpResponse:
    youths = queries.archive_list(archived=visible_to(request).archived_youths())
    return render(request, "privacy/archive.html", {"youths": youths})


@require(Capability.OPEN_ARCHIVE)
def youth_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A youth's file, read-only: archived or in the active base."""
    youth = _youth(request, pk)
    return render(
        request, "privacy/youth.html", {"youth": youth, "data": services.subject_access(youth=youth)}
    )


@require(Capability.OPEN_ARCHIVE)
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    data = services.subject_access(youth=youth)
    audit.record(
        action=AuditAction.EXPORT, target=youth, changes={"format": "json", "objet": "droit d'accès"}
    )
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _download(content, content_type="application/json", filename=f"carnet-jeune-{youth.pk}.json")


@require(Capability.OPEN_ARCHIVE)
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    data = services.subject_access(youth=youth)
    html = render_to_string("privacy/subject_access.html", {"data": data, "youth": youth}, request=request)
    audit.record(action=AuditAction.EXPORT, target=youth, changes={"format": "pdf", "objet": "droit d'accès"})
    return _download(_pdf(html), content_type="application/pdf", filename=f"carnet-jeune-{youth.pk}.pdf")


@require(Capability.OPEN_ARCHIVE)
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    youth = _youth(request, pk)
    if request.method == "POST":
        number = youth.pk
        services.erase_youth(youth=youth)
        messages.success(request, f"La fiche du jeune n° {number} et ses enregistrements ont été effacés.")
        return redirect("privacy:index")
    counts = {
        "interventions": youth.interventions.count(),
        "situations": youth.situation_changes.count(),
        "periods": youth.accompaniment_periods.count(),
        "actions": youth.collective_actions.count(),
        "sessions": youth.presence_sessions.count(),
    }
    return render(request, "privacy/erase_confirm.html", {"youth": youth, "counts": counts})


def _organisation(request: HttpRequest) -> Organisation:
    return Organisation.objects.filter(teams__in=request.teams).distinct().order_by("name").first()


def _document(request: HttpRequest, template: str) -> str:
    context = documents.context(organisation=_organisation(request), teams=request.teams)
    context["pdf_url"] = reverse("privacy:register_pdf" if template == "register" else "privacy:dpia_pdf")
    return render_to_string(f"privacy/{template}.html", context, request=request)


@require(Capability.OPEN_ARCHIVE)
def register_html(request: HttpRequest) -> HttpResponse:
    return _download(
        _document(request, "register"), content_type="text/html", filename="registre-traitement.html"
    )


@require(Capability.OPEN_ARCHIVE)
def register_pdf(request: HttpRequest) -> HttpResponse:
    return _download(
        _pdf(_document(request, "register")),
        content_type="application/pdf",
        filename="registre-traitement.pdf",
    )


@require(Capability.OPEN_ARCHIVE)
def dpia_html(request: HttpRequest) -> HttpResponse:
    return _download(_document(request, "dpia"), content_type="text/html", filename="aipd-brouillon.html")


@require(Capability.OPEN_ARCHIVE)
def dpia_pdf(request: HttpRequest) -> HttpResponse:
    return _download(
        _pdf(_document(request, "dpia")), content_type="application/pdf", filename="aipd-brouillon.pdf"
    )
