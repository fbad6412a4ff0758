"""What a report model needs that the records may not hold, and why, said before any download.

A model lists its needs (``needs = ["families_met", "quartiers"]``); each need is
either something Carnet never records (the families met, the duration of an
intervention) or something the team may not have filled in (youths' quartiers or
ages, PAEI reviews). ``missing_figures`` reads the report and names what is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .model_tables import QUARTIERS, TARGET_AGE
from .report import ActivityReport
from .rules import keys


@dataclass(frozen=True)
class MissingFigure:
    label: str
    reason: str


def _never(reason) -> Callable[[ActivityReport], str | None]:
    return lambda report: str(reason)


def _not_recorded(table_key: str, singular: str, plural: str) -> Callable[[ActivityReport], str | None]:
    def check(report: ActivityReport) -> str | None:
        try:
            count = report.table(table_key).value(keys.NOT_RECORDED, keys.YOUTHS)
        except KeyError:
            return None
        if not count:
            return None
        return ngettext(singular, plural, count) % {"count": count}

    return check


def _paei_reviews(report: ActivityReport) -> str | None:
    try:
        reviewed = report.table(keys.PAEI_GOALS).total.value(keys.GOALS)
    except (KeyError, AttributeError):
        return None
    if reviewed:
        return None
    return str(
        _(
            "Aucun objectif de PAEI n’a été revu dans la période : les points de PAEI se saisissent "
            "dans la fiche de chaque jeune."
        )
    )


NEEDS: dict[str, tuple] = {
    "families_met": (
        _("Familles rencontrées"),
        _never(
            _(
                "Carnet n’enregistre pas les familles rencontrées : une intervention peut porter sur "
                "le domaine « Famille », sans dire combien de familles l’équipe a vues."
            )
        ),
    ),
    "intervention_time": (
        _("Temps d’accompagnement individuel"),
        _never(
            _(
                "Une intervention n’a pas de durée dans Carnet : le temps de l’équipe donne le nombre "
                "d’interventions, pas leurs heures."
            )
        ),
    ),
    "youth_ages": (
        _("Âge des jeunes"),
        _not_recorded(
            TARGET_AGE,
            "%(count)s jeune du bilan n’a ni date ni année de naissance : il est compté en "
            "« Âge non renseigné ».",
            "%(count)s jeunes du bilan n’ont ni date ni année de naissance : ils sont comptés en "
            "« Âge non renseigné ».",
        ),
    ),
    "quartiers": (
        _("Quartier des jeunes"),
        _not_recorded(
            QUARTIERS,
            "%(count)s jeune du bilan n’a pas de quartier dans sa fiche.",
            "%(count)s jeunes du bilan n’ont pas de quartier dans leur fiche.",
        ),
    ),
    "paei_outcomes": (_("Avancement des objectifs de PAEI"), _paei_reviews),
}


def missing_figures(*, needs: tuple[str, ...], report: ActivityReport) -> list[MissingFigure]:
    missing = []
    for need in needs:
        label, check = NEEDS[need]
        reason = check(report)
        if reason:
            missing.append(MissingFigure(str(label), reason))
    return missing
