"""A whole association described in one document (TOML or JSON), set up at once.

    [organisation]
    nom = "Prévention Lens-Liévin"
    double_authentification = true

    [[equipes]]
    nom = "Équipe de Lens"
    sigle = "EPL"
    communes = [{ nom = "Lens", code_insee = "62498", quartiers = [{ nom = "Cité 12", qpv = true }] }]

    [[financeurs]]
    nom = "Département du Pas-de-Calais"
    niveau = "departement"
    equipes = ["EPL"]

    [[comptes]]
    prenom = "Claire"
    nom = "Dupont"
    courriel = "claire.dupont@example.org"
    role = "chef-de-service"
    equipe = "EPL"

Keys are French, as in the JSON export (carnet/imports/structure.py). Everything is written
in one transaction: a mistake anywhere leaves nothing behind, and says where it is.
"""

import datetime
import json
import tomllib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from carnet.access.models import Role
from carnet.organisations.models import FunderLevel, Organisation, Team

from . import services, structure

# Roles may be written as their code or in French.
ROLE_NAMES = {
    **{role.value: role.value for role in Role},
    "educateur": Role.EDUCATOR,
    "educatrice": Role.EDUCATOR,
    "chef-de-service": Role.TEAM_LEADER,
    "cheffe-de-service": Role.TEAM_LEADER,
    "directeur": Role.DIRECTOR,
    "directrice": Role.DIRECTOR,
    "financeur": Role.FUNDER_VIEWER,
    "administrateur": Role.ADMIN,
    "administratrice": Role.ADMIN,
}
LEVEL_NAMES = {
    **{level.value: level.value for level in FunderLevel},
    "etat": FunderLevel.STATE,
    "autre": FunderLevel.OTHER,
    "intercommunalite": FunderLevel.COMMUNE,
}


class PlanProblem(ValueError):
    """A French message saying what is wrong in the document, and where."""


@dataclass
class SetupResult:
    organisation: Organisation
    teams: list[Team] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    invitations: list[services.IssuedInvitation] = field(default_factory=list)


def read_plan(content: str, *, filename: str) -> dict[str, Any]:
    try:
        if filename.lower().endswith(".json"):
            return json.loads(content)
        return tomllib.loads(content)
    except (ValueError, tomllib.TOMLDecodeError) as error:
        raise PlanProblem(_("%(file)s illisible : %(error)s") % {"file": filename, "error": error}) from error


def _text(entry: dict, key: str, where: str, *, required: bool = False) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str | int):
        raise PlanProblem(_("%(where)s.%(key)s : un texte est attendu.") % {"where": where, "key": key})
    value = str(value).strip()
    if required and not value:
        raise PlanProblem(_("%(where)s : « %(key)s » manque.") % {"where": where, "key": key})
    return value


def _date(entry: dict, key: str, where: str) -> datetime.date | None:
    value = entry.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as error:
        raise PlanProblem(
            _("%(where)s.%(key)s : « %(value)s » n'est pas une date AAAA-MM-JJ.")
            % {"where": where, "key": key, "value": value}
        ) from error


def _choice(names: dict, value: str, where: str, what: str) -> str:
    found = names.get(slugify(value))
    if found is None:
        choices = ", ".join(sorted(names))
        raise PlanProblem(
            _("%(where)s : %(what)s « %(value)s » inconnu (possibles : %(choices)s).")
            % {"where": where, "what": what, "value": value, "choices": choices}
        )
    return found


def _list(document: dict, key: str, where: str = "") -> list[dict]:
    value = document.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise PlanProblem(_("%(key)s : une liste d'éléments est attendue.") % {"key": f"{where}{key}"})
    return value


def _validation(error: ValidationError, where: str) -> PlanProblem:
    return PlanProblem(f"{where} : {' '.join(error.messages)}")


@transaction.atomic
def setup_association(*, document: dict[str, Any], base_url: str = "") -> SetupResult:
    """Create the organisation (with its default referentials), its teams, communes, quartiers,
    funders, and invite its accounts; an organisation that exists already is refused."""
    if not isinstance(document.get("organisation"), dict):
        raise PlanProblem(_("organisation : la section [organisation] et son « nom » manquent."))
    frame = document["organisation"]
    try:
        organisation = structure.association_create(
            name=_text(frame, "nom", "organisation", required=True),
            address=_text(frame, "adresse", "organisation"),
            dpo_contact=_text(frame, "dpo", "organisation"),
            require_two_factor=bool(frame.get("double_authentification", False)),
        )
    except ValidationError as error:
        raise _validation(error, "organisation") from error
    result = SetupResult(organisation=organisation)
    counts = {"équipes": 0, "communes": 0, "quartiers": 0, "financeurs": 0, "comptes invités": 0}
    teams_by_name: dict[str, Team] = {}
    for n, entry in enumerate(_list(document, "equipes"), start=1):
        where = f"equipes[{n}]"
        try:
            team = structure.team_add(
                organisation=organisation,
                name=_text(entry, "nom", where, required=True),
                short_name=_text(entry, "sigle", where),
                start_date=_date(entry, "debut", where),
            )
        except ValidationError as error:
            raise _validation(error, where) from error
        counts["équipes"] += 1
        result.teams.append(team)
        for key in filter(None, (team.name, team.short_name)):
            teams_by_name[key.casefold()] = team
        for c, commune_entry in enumerate(_list(entry, "communes", f"{where}."), start=1):
            commune_where = f"{where}.communes[{c}]"
            try:
                commune = structure.commune_add(
                    team=team,
                    name=_text(commune_entry, "nom", commune_where, required=True),
                    insee_code=_text(commune_entry, "code_insee", commune_where),
                )
                counts["communes"] += 1
                for q, quartier in enumerate(_list(commune_entry, "quartiers", f"{commune_where}."), start=1):
                    quartier_where = f"{commune_where}.quartiers[{q}]"
                    structure.quartier_add(
                        commune=commune,
                        name=_text(quartier, "nom", quartier_where, required=True),
                        is_qpv=bool(quartier.get("qpv", False)),
                    )
                    counts["quartiers"] += 1
            except ValidationError as error:
                raise _validation(error, commune_where) from error

    def team_named(value: str, where: str) -> Team:
        team = teams_by_name.get(value.casefold())
        if team is None:
            known = ", ".join(t.name for t in result.teams) or _("aucune")
            raise PlanProblem(
                _("%(where)s : équipe « %(team)s » inconnue (équipes du document : %(known)s).")
                % {"where": where, "team": value, "known": known}
            )
        return team

    for n, entry in enumerate(_list(document, "financeurs"), start=1):
        where = f"financeurs[{n}]"
        names = entry.get("equipes", "*")
        teams = result.teams if names in ("*", ["*"]) else [team_named(str(v), where) for v in names]
        try:
            structure.funder_add(
                organisation=organisation,
                name=_text(entry, "nom", where, required=True),
                level=_choice(LEVEL_NAMES, _text(entry, "niveau", where) or "other", where, _("niveau")),
                teams=teams,
            )
        except ValidationError as error:
            raise _validation(error, where) from error
        counts["financeurs"] += 1
    for n, entry in enumerate(_list(document, "comptes"), start=1):
        where = f"comptes[{n}]"
        team_name = _text(entry, "equipe", where)
        try:
            issued = services.account_invite(
                organisation=organisation,
                first_name=_text(entry, "prenom", where, required=True),
                last_name=_text(entry, "nom", where),
                email=_text(entry, "courriel", where),
                role=_choice(ROLE_NAMES, _text(entry, "role", where, required=True), where, _("rôle")),
                team=team_named(team_name, where) if team_name else None,
                base_url=base_url,
            )
        except ValidationError as error:
            raise _validation(error, where) from error
        result.invitations.append(issued)
        counts["comptes invités"] += 1
    result.counts = counts
    return result
