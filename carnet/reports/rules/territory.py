"""R17 — Territorial diagnostics: those dated in the period, counted per quartier."""

from django.db.models import Count, QuerySet

from carnet.activity.models import TerritorialDiagnostic

from ..scope import ReportScope


def diagnostics_in_report(*, scope: ReportScope) -> QuerySet[TerritorialDiagnostic]:
    """Diagnostics of the scope's teams dated in the period; for a commune report, those of
    its quartiers."""
    diagnostics = TerritorialDiagnostic.objects.filter(
        scope.records_of(), date__range=(scope.start, scope.end)
    )
    if scope.commune is not None:
        diagnostics = diagnostics.filter(quartier__commune=scope.commune)
    return diagnostics


def count_diagnostics_by_quartier(*, scope: ReportScope) -> list[tuple[str, str, int]]:
    """[(quartier id, "Quartier (Commune)", diagnostics)], by commune then quartier name; one query."""
    rows = (
        diagnostics_in_report(scope=scope)
        .order_by("quartier__commune__name", "quartier__name", "quartier_id")
        .values("quartier_id", "quartier__name", "quartier__commune__name")
        .annotate(n=Count("pk"))
    )
    return [
        (str(row["quartier_id"]), f"{row['quartier__name']} ({row['quartier__commune__name']})", row["n"])
        for row in rows
    ]
