"""R17 — Territorial diagnostics: those dated in the period, counted per quartier."""

from django.db.models import Count, QuerySet
from django.utils.text import slugify

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


def quartier_key(commune: str, quartier: str) -> str:
    """A quartier's row key: its commune and name as a slug, the same in every database
    (ids are not, and an exported team imports elsewhere with the same report)."""
    return slugify(f"{commune} {quartier}")


def diagnostics_of_quartier(*, scope: ReportScope, key: str) -> QuerySet[TerritorialDiagnostic]:
    diagnostics = diagnostics_in_report(scope=scope)
    places = diagnostics.values_list("quartier_id", "quartier__commune__name", "quartier__name").distinct()
    ids = [pk for pk, commune, name in places if quartier_key(commune, name) == key]
    return diagnostics.filter(quartier_id__in=ids)


def count_diagnostics_by_quartier(*, scope: ReportScope) -> list[tuple[str, str, int]]:
    """[(quartier key, "Quartier (Commune)", diagnostics)], by commune then quartier name; one query."""
    rows = (
        diagnostics_in_report(scope=scope)
        .order_by("quartier__commune__name", "quartier__name", "quartier_id")
        .values("quartier_id", "quartier__name", "quartier__commune__name")
        .annotate(n=Count("pk"))
    )
    return [
        (
            quartier_key(row["quartier__commune__name"], row["quartier__name"]),
            f"{row['quartier__name']} ({row['quartier__commune__name']})",
            row["n"],
        )
        for row in rows
    ]
