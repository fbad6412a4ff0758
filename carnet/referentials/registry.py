"""The referentials a team leader edits, by URL slug, with the fields each one shows."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import models


@dataclass(frozen=True)
class ReferentialKind:
    slug: str
    model: type[models.Referential]
    fields: tuple[str, ...]
    help: str = ""

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()


KINDS = [
    ReferentialKind("domaines", models.Domain, ("label", "position")),
    ReferentialKind(
        "modalites",
        models.Modality,
        ("label", "rank"),
        _("Le niveau classe les modalités : un jeune est compté à la modalité de plus haut niveau atteinte."),
    ),
    ReferentialKind("origines", models.Origin, ("label", "position")),
    ReferentialKind("situations", models.Situation, ("label", "position")),
    ReferentialKind(
        "types-action",
        models.ActionType,
        ("label", "category", "position"),
        _("La catégorie dit où le bilan compte l'action (atelier, sortie, séjour, DSL)."),
    ),
    ReferentialKind("types-presence", models.PresenceKind, ("label", "position")),
    ReferentialKind("types-reunion", models.MeetingKind, ("label", "position")),
    ReferentialKind(
        "tranches-age",
        models.AgeBracket,
        ("label", "min_age", "max_age"),
        _("Âge atteint le dernier jour du bilan ; laissez l'âge maximum vide pour « et plus »."),
    ),
]
BY_SLUG = {kind.slug: kind for kind in KINDS}
