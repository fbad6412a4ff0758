"""Changes to a quartier's territorial diagnostic: its facts, partners, needs identified and resources.

A diagnostic is shared with the partners (its PDF): it holds no personal data, and
the services keep the needs' identity when their wording stays, so that the actions
linked to a need keep their link.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from carnet.editing.versions import claim_version
from carnet.organisations.models import Partner, Quartier, Team

from .models import DiagnosticNeed, TerritorialDiagnostic

MAX_NEEDS = 20


def needs_from_text(text: str) -> list[str]:
    """The needs typed one per line, blank lines and leading dashes or bullets left out."""
    lines = (line.strip().lstrip("-•*").strip() for line in text.splitlines())
    return [line for line in lines if line]


@transaction.atomic
def diagnostic_save(
    *,
    diagnostic: TerritorialDiagnostic | None = None,
    version: int | None = None,
    team: Team,
    quartier: Quartier,
    date: datetime.date,
    partners: Iterable[Partner] = (),
    summary: str = "",
    resources: str = "",
    needs: list[str] = (),
) -> TerritorialDiagnostic:
    """Create (``diagnostic`` None) or change a diagnostic of one of ``team``'s quartiers; a change
    names the ``version`` its form was opened at (refused with EditConflict over a newer one)."""
    partners, needs = list(partners), [need[:200] for need in needs]
    errors: dict[str, list[str]] = {}
    if quartier.commune.team_id != team.pk:
        errors["quartier"] = [_("Ce quartier n'est pas couvert par l'équipe.")]
    if any(partner.organisation_id != team.organisation_id for partner in partners):
        errors["partners"] = [_("Ce partenaire n'appartient pas à l'organisation de l'équipe.")]
    if len(needs) > MAX_NEEDS:
        errors["needs"] = [_("Vingt besoins au plus : regroupez-les en une liste courte.")]
    if len(set(needs)) != len(needs):
        errors["needs"] = [_("Un besoin est écrit deux fois.")]
    if errors:
        raise ValidationError(errors)
    diagnostic = diagnostic or TerritorialDiagnostic(team=team)
    diagnostic.quartier, diagnostic.date = quartier, date
    diagnostic.summary, diagnostic.resources = summary.strip(), resources.strip()
    diagnostic.full_clean()
    if diagnostic.pk is not None:
        claim_version(diagnostic, version=version)
    diagnostic.save()
    diagnostic.partners.set(partners)
    _set_needs(diagnostic, needs)
    return diagnostic


def _set_needs(diagnostic: TerritorialDiagnostic, labels: list[str]) -> None:
    existing = {need.label: need for need in diagnostic.needs.all()}
    for need in existing.values():
        if need.label not in labels:
            need.delete()
    for position, label in enumerate(labels):
        need = existing.get(label) or DiagnosticNeed(diagnostic=diagnostic, label=label)
        if need.pk is None or need.position != position:
            need.position = position
            need.full_clean()
            need.save()
