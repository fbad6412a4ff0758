"""What every write of recorded activity checks and does before it saves (carnet/activity/services.py):
each youth, place, partner and referential named belongs to the record's team or organisation,
the errors are raised together, then the model's own constraints, the version claim of an edit,
the save and the many-to-many relations."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from carnet.editing.versions import claim_version
from carnet.organisations.models import Commune, Quartier, Team
from carnet.youths.models import Youth


class Errors(dict):
    """Field errors gathered before raising them together, so a form shows them all at once."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def check_place(errors: Errors, *, team: Team, commune: Commune | None, quartier: Quartier | None) -> None:
    if commune is not None and commune.team_id != team.pk:
        errors.add("commune", _("Cette commune n'est pas couverte par l'équipe."))
    if quartier is not None and commune is not None and quartier.commune_id != commune.pk:
        errors.add("quartier", _("Ce quartier n'appartient pas à la commune choisie."))
    elif quartier is not None and quartier.commune.team_id != team.pk:
        errors.add("quartier", _("Ce quartier n'est pas couvert par l'équipe."))


def check_youths(errors: Errors, field: str, *, team: Team, youths: Iterable[Youth]) -> None:
    if any(youth.team_id != team.pk for youth in youths):
        errors.add(field, _("Un des jeunes choisis n'est pas suivi par l'équipe."))


def check_organisation(errors: Errors, field: str, *, team: Team, items: Iterable[models.Model]) -> None:
    if any(item.organisation_id != team.organisation_id for item in items):
        errors.add(field, _("Ce choix n'appartient pas à l'organisation de l'équipe."))


def apply(record: models.Model, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(record, name, value)


def save(
    record: models.Model, errors: Errors, relations: dict[str, Iterable | None], *, version: int | None
) -> None:
    """Raise the errors found, else validate, save and set the many-to-many relations given;
    a change of a recorded record first claims the ``version`` its form was opened at."""
    errors.raise_any()
    record.full_clean()
    if record.pk is not None:
        claim_version(record, version=version)
    record.save()
    for name, values in relations.items():
        if values is not None:
            getattr(record, name).set(values)
