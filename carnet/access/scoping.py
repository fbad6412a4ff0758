"""Where each kind of record sits: the path from a model to its team or organisation.

The permission layer and the admin both read this table, so that a record is
only ever reached through the teams a user holds a capability on.
"""

from django.db.models import Model, QuerySet

from carnet.organisations.models import Organisation, Team

from .models import User
from .permissions import Capability, teams_with

# model label -> lookup from the model to its Team
TEAM_PATHS = {
    "organisations.team": "",
    "organisations.commune": "team",
    "organisations.quartier": "commune__team",
    "youths.youth": "team",
    "youths.situationchange": "youth__team",
    "youths.accompanimentperiod": "youth__team",
    "youths.paeigoal": "period__youth__team",
    "activity.intervention": "team",
    "activity.collectiveaction": "team",
    "activity.presencesession": "team",
    "activity.partnershipmeeting": "team",
    "activity.territorialdiagnostic": "team",
}

# model label -> lookup from the model to its Organisation
ORGANISATION_PATHS = {
    "organisations.organisation": "",
    "organisations.partner": "organisation",
    "organisations.funder": "organisation",
    "referentials.domain": "organisation",
    "referentials.modality": "organisation",
    "referentials.origin": "organisation",
    "referentials.situation": "organisation",
    "referentials.actiontype": "organisation",
    "referentials.presencekind": "organisation",
    "referentials.meetingkind": "organisation",
    "referentials.agebracket": "organisation",
}


def _label(model: type[Model]) -> str:
    return model._meta.label_lower


def is_scoped(model: type[Model]) -> bool:
    label = _label(model)
    return label in TEAM_PATHS or label in ORGANISATION_PATHS


def scoped(queryset: QuerySet, *, user: User, capabilities: tuple[Capability, ...]) -> QuerySet:
    """``queryset`` cut down to the records of the teams where ``user`` holds one of ``capabilities``."""
    label = _label(queryset.model)
    teams = teams_with(user, *capabilities)
    if label in TEAM_PATHS:
        path = TEAM_PATHS[label]
        return queryset.filter(**{f"{path}__in" if path else "pk__in": teams})
    if label in ORGANISATION_PATHS:
        path = ORGANISATION_PATHS[label]
        organisations = Organisation.objects.filter(teams__in=teams)
        return queryset.filter(**{f"{path}__in" if path else "pk__in": organisations}).distinct()
    raise LookupError(f"No scope is known for {label}")


def team_of(record: Model) -> Team | None:
    path = TEAM_PATHS.get(_label(type(record)))
    if path is None:
        return None
    for step in filter(None, path.split("__")):
        record = getattr(record, step)
    return record
