"""The frame records of a team need, in the JSON export: its communes and quartiers, the
organisation's partners and referentials. Importing a document recreates what is missing,
so that it imports into an empty Carnet; what exists already is kept as it is. A new
organisation is made by ``organisations.services.organisation_create``; a document without
referentials gets the default ones (``referentials.services``), as every organisation does."""

from collections import Counter
from typing import Any

from carnet.organisations.models import Commune, Organisation, Partner, PartnerType, Quartier, Team
from carnet.organisations.services import organisation_create
from carnet.referentials.models import (
    ActionType,
    AgeBracket,
    Domain,
    MeetingKind,
    Modality,
    Origin,
    PresenceKind,
    Situation,
)
from carnet.referentials.services import install_default_referentials

from .mapping import MappingProblem

# Key of each referential in the document, and its fields beyond code, label, position, in use.
REFERENTIALS: dict[str, tuple[type, dict[str, str]]] = {
    "domaines": (Domain, {}),
    "modalites": (Modality, {"niveau": "rank"}),
    "origines": (Origin, {}),
    "situations": (Situation, {}),
    "types_action": (ActionType, {"categorie": "category"}),
    "types_presence": (PresenceKind, {}),
    "types_reunion": (MeetingKind, {}),
    "tranches_age": (AgeBracket, {"age_min": "min_age", "age_max": "max_age"}),
}


def describe_team(*, team: Team) -> dict[str, Any]:
    organisation = team.organisation
    return {
        "organisation": {"nom": organisation.name},
        "equipe": {
            "nom": team.name,
            "sigle": team.short_name,
            "debut": team.start_date.isoformat() if team.start_date else None,
            "communes": [
                {
                    "nom": commune.name,
                    "code_insee": commune.insee_code,
                    "quartiers": [
                        {"nom": q.name, "qpv": q.is_qpv} for q in commune.quartiers.order_by("name")
                    ],
                }
                for commune in team.communes.order_by("name")
            ],
        },
        "partenaires": [
            {"nom": p.name, "type": p.partner_type, "actif": p.is_active}
            for p in Partner.objects.filter(organisation=organisation).order_by("name")
        ],
        "referentiels": {
            key: [
                {
                    "code": value.code,
                    "libelle": value.label,
                    "ordre": value.position,
                    "en_usage": value.is_active,
                    **{name: getattr(value, field) for name, field in extra.items()},
                }
                for value in model.objects.filter(organisation=organisation).order_by("position", "pk")
            ]
            for key, (model, extra) in REFERENTIALS.items()
        },
    }


# What only those who may edit referentials add; partners are added by any import.
FRAME = (
    "organisation",
    "équipe",
    "communes",
    "quartiers",
    "référentiels par défaut",
    "valeurs de référentiels",
)


def ensure_structure(
    *, document: dict, team: Team | None, may_add_frame: bool = True
) -> tuple[Team, Counter]:
    """The team to import into (``team``, else the document's, created if missing) with the
    communes, quartiers, partners and referential values of the document; and what was created.

    Without ``may_add_frame``, a document that would add to the frame is refused (MappingProblem,
    raised inside the caller's transaction, which undoes what was added).
    """
    created: Counter = Counter()
    try:
        frame = document["equipe"]
        referentials = document.get("referentiels") or {}
        own_referentials = any(referentials.get(key) for key in REFERENTIALS)
        if team is None:
            organisation = Organisation.objects.filter(name=document["organisation"]["nom"]).first()
            if organisation is None:
                organisation = organisation_create(
                    name=document["organisation"]["nom"], default_referentials=not own_referentials
                )
                created["organisation"] += 1
                created["référentiels par défaut"] += not own_referentials
            team, new = Team.objects.get_or_create(
                organisation=organisation,
                name=frame["nom"],
                defaults={"short_name": frame.get("sigle") or "", "start_date": frame.get("debut")},
            )
            created["équipe"] += new
        for entry in frame.get("communes", []):
            commune, new = Commune.objects.get_or_create(
                team=team, name=entry["nom"], defaults={"insee_code": entry.get("code_insee") or ""}
            )
            created["communes"] += new
            for quartier in entry.get("quartiers", []):
                _, new = Quartier.objects.get_or_create(
                    commune=commune, name=quartier["nom"], defaults={"is_qpv": bool(quartier.get("qpv"))}
                )
                created["quartiers"] += new
        organisation = team.organisation
        models = [model for model, _extra in REFERENTIALS.values()]
        if not own_referentials and not any(
            model.objects.filter(organisation=organisation).exists() for model in models
        ):
            install_default_referentials(organisation=organisation)
            created["référentiels par défaut"] += 1
        for entry in document.get("partenaires", []):
            partner_type = entry.get("type") if entry.get("type") in PartnerType.values else PartnerType.OTHER
            _, new = Partner.objects.get_or_create(
                organisation=organisation,
                name=entry["nom"],
                defaults={"partner_type": partner_type, "is_active": entry.get("actif", True)},
            )
            created["partenaires"] += new
        for key, (model, extra) in REFERENTIALS.items():
            for entry in referentials.get(key, []):
                created["valeurs de référentiels"] += _ensure_value(organisation, model, extra, entry)
    except (KeyError, TypeError, AttributeError) as error:
        raise MappingProblem(
            f"Document JSON incomplet : la description de l'équipe est mal formée ({error})."
        ) from error
    added = {what: count for what, count in created.items() if what in FRAME and count}
    if added and not may_add_frame:
        raise MappingProblem(
            "Ce document ajouterait au cadre de l'organisation ou de l'équipe ("
            + ", ".join(f"{what} : {count}" for what, count in added.items())
            + "), ce que seul·es les chef·fes de service peuvent faire. Demandez-leur d'importer "
            "ce document, ou d'ajouter d'abord ces valeurs (Référentiels)."
        )
    return team, +created


def _ensure_value(organisation: Organisation, model, extra: dict[str, str], entry: dict) -> bool:
    """Create the value unless its code, label (or a modality's rank) is taken: the
    organisation's own value of that name is then the one the records will use."""
    values = model.objects.filter(organisation=organisation)
    fields = {field: entry.get(name) for name, field in extra.items()}
    taken = values.filter(code=entry["code"]).exists() or values.filter(label=entry["libelle"]).exists()
    if model is Modality:
        taken = taken or values.filter(rank=fields["rank"]).exists()
    if taken:
        return False
    model.objects.create(
        organisation=organisation,
        code=entry["code"],
        label=entry["libelle"],
        position=entry.get("ordre") or 0,
        is_active=entry.get("en_usage", True),
        **fields,
    )
    return True
