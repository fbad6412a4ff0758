"""What each kind of import holds: its columns, the names users give them, and their types.

The ``header`` of a column is the name Carnet writes in its exports and
documents; ``synonyms`` are the names found in the teams' own spreadsheets.
Headers are compared accents, case and spacing ignored.
"""

import enum
from dataclasses import dataclass

from .reading import normalise


class ImportKind(enum.StrEnum):
    YOUTHS = "youths"
    SITUATIONS = "situations"
    ACCOMPANIMENTS = "accompaniments"
    INTERVENTIONS = "interventions"
    ACTIONS = "actions"
    PRESENCES = "presences"
    MEETINGS = "meetings"
    DIAGNOSTICS = "diagnostics"


KIND_LABELS = {
    ImportKind.YOUTHS: "jeunes",
    ImportKind.SITUATIONS: "situations",
    ImportKind.ACCOMPANIMENTS: "accompagnements",
    ImportKind.INTERVENTIONS: "interventions",
    ImportKind.ACTIONS: "actions collectives",
    ImportKind.PRESENCES: "présences sociales",
    ImportKind.MEETINGS: "réunions partenariales",
    ImportKind.DIAGNOSTICS: "diagnostics territoriaux",
}


class ValueType(enum.StrEnum):
    TEXT = "text"
    DATE = "date"
    YEAR = "year"
    COUNT = "count"  # a whole number, 0 or more
    MINUTES = "minutes"  # a duration in minutes, whole
    HOURS = "hours"  # a duration in hours, "1,5" allowed
    BOOLEAN = "boolean"  # oui / non
    SEX = "sex"
    COMMUNE = "commune"
    QUARTIER = "quartier"
    ORIGIN = "origin"
    SITUATION = "situation"
    MODALITY = "modality"
    DOMAINS = "domains"  # several, separated by "," or ";"
    INTERVENTION_KIND = "intervention_kind"
    ACTION_TYPE = "action_type"
    ACTION_ROLE = "action_role"
    PRESENCE_KIND = "presence_kind"
    MEETING_KIND = "meeting_kind"
    PARTNERS = "partners"  # several names, separated by "," or ";"
    YOUTH_IDS = "youth_ids"  # several youth identifiers, separated by "," or ";"


# Value types whose cell holds several values, separated by ";", ",", "|", "/" or line breaks.
SEVERAL = {ValueType.DOMAINS, ValueType.PARTNERS, ValueType.YOUTH_IDS}


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    value_type: ValueType = ValueType.TEXT
    synonyms: tuple[str, ...] = ()
    required: bool = False
    max_length: int | None = None

    @property
    def matching_names(self) -> set[str]:
        return {normalise(name) for name in (self.header, self.field, *self.synonyms)}


YOUTH_ID = Column(
    "external_id",
    "Identifiant",
    synonyms=("ID", "N°", "No", "Numéro", "Num", "Référence", "Ref", "Identifiant externe", "Code dossier"),
    max_length=60,
)
JOINED_YOUTH_ID = Column(
    "external_id",
    "Identifiant du jeune",
    synonyms=("Identifiant", "ID", "N°", "No", "Numéro", "ID jeune", "N° jeune", "Référence", "Jeune"),
    required=True,
    max_length=60,
)
# The identifier of an activity record (exported by Carnet as "carnet-<number>" when the
# record has none), so that a corrected row imported again updates its record.
RECORD_ID = Column(
    "record_id",
    "Identifiant de la fiche",
    synonyms=("Identifiant fiche", "N° de fiche", "Numéro de fiche", "Réf. fiche", "Référence de la fiche"),
    max_length=60,
)
# The same, for kinds that name no youth by identifier: the usual names are free.
OWN_RECORD_ID = Column(
    RECORD_ID.field,
    RECORD_ID.header,
    synonyms=(*RECORD_ID.synonyms, "Identifiant", "ID", "Référence", "Ref"),
    max_length=60,
)
COMMUNE = Column("commune", "Commune", ValueType.COMMUNE, synonyms=("Ville", "Commune de résidence"))
QUARTIER = Column("quartier", "Quartier", ValueType.QUARTIER, synonyms=("Secteur", "Quartier de résidence"))
PARTNERS = Column(
    "partners", "Partenaires", ValueType.PARTNERS, synonyms=("Partenaire", "Partenaires associés")
)
MINUTES = Column(
    "duration_minutes",
    "Durée (minutes)",
    ValueType.MINUTES,
    synonyms=("Minutes", "Durée en minutes", "Durée"),
)
HOURS = Column(
    "duration_hours",
    "Durée (heures)",
    ValueType.HOURS,
    synonyms=("Heures", "Durée en heures", "Nombre d'heures", "Nb heures", "Durée (h)"),
)


def _date(field: str, header: str, *synonyms: str, required: bool = False) -> Column:
    return Column(field, header, ValueType.DATE, synonyms=synonyms, required=required)


COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.YOUTHS: (
        YOUTH_ID,
        Column("first_name", "Prénom", synonyms=("Prenom", "Prénom du jeune"), max_length=60),
        Column("nickname", "Surnom", synonyms=("Pseudo", "Pseudonyme", "Surnom / pseudo"), max_length=60),
        Column("code", "Code", synonyms=("Code jeune", "Code anonyme"), max_length=30),
        Column("last_name", "Nom", synonyms=("Nom de famille", "Nom du jeune"), max_length=80),
        Column("sex", "Sexe", ValueType.SEX, synonyms=("Genre", "H/F", "Sexe (H/F)", "F/H")),
        _date("birth_date", "Date de naissance", "Né le", "Née le", "Né(e) le", "Naissance", "DDN"),
        Column(
            "birth_year",
            "Année de naissance",
            ValueType.YEAR,
            synonyms=("Année naissance", "Né en", "Née en", "Né(e) en", "Année"),
        ),
        COMMUNE,
        QUARTIER,
        Column(
            "origin",
            "Origine de la rencontre",
            ValueType.ORIGIN,
            synonyms=("Origine", "Orienté par", "Orientation", "Origine du contact"),
        ),
        _date(
            "first_contact_date",
            "Date de première rencontre",
            "Première rencontre",
            "Date de rencontre",
            "1ère rencontre",
            "Date 1er contact",
        ),
    ),
    ImportKind.SITUATIONS: (
        JOINED_YOUTH_ID,
        _date(
            "since", "Depuis le", "Date", "Date de changement", "À partir du", "Date de début", required=True
        ),
        Column("situation", "Situation", ValueType.SITUATION, synonyms=("Statut",), required=True),
    ),
    ImportKind.ACCOMPANIMENTS: (
        JOINED_YOUTH_ID,
        Column(
            "modality",
            "Modalité",
            ValueType.MODALITY,
            synonyms=("Modalité d'accompagnement", "Niveau", "Type d'accompagnement", "Accompagnement"),
            required=True,
        ),
        _date(
            "start", "Début", "Date de début", "Du", "Depuis le", "Début de l'accompagnement", required=True
        ),
        _date("end", "Fin", "Date de fin", "Au", "Jusqu'au", "Fin de l'accompagnement"),
    ),
    ImportKind.INTERVENTIONS: (
        RECORD_ID,
        JOINED_YOUTH_ID,
        _date("date", "Date", "Date de l'intervention", "Le", required=True),
        Column(
            "domains",
            "Domaines",
            ValueType.DOMAINS,
            synonyms=("Domaine", "Domaines travaillés", "Thèmes", "Thème"),
            required=True,
        ),
        Column("kind", "Type", ValueType.INTERVENTION_KIND, synonyms=("Type d'intervention", "Nature")),
        PARTNERS,
        Column("note", "Note", synonyms=("Commentaire", "Observation", "Note factuelle"), max_length=280),
    ),
    ImportKind.ACTIONS: (
        OWN_RECORD_ID,
        Column(
            "action_type",
            "Type",
            ValueType.ACTION_TYPE,
            synonyms=("Type d'action", "Catégorie", "Type d'action collective"),
            required=True,
        ),
        Column(
            "title",
            "Intitulé",
            synonyms=("Titre", "Action", "Nom de l'action", "Libellé", "Intitulé de l'action"),
            max_length=200,
        ),
        _date("start_date", "Date de début", "Date", "Début", "Du", "Le", required=True),
        _date("end_date", "Date de fin", "Fin", "Au", "Jusqu'au"),
        Column(
            "days",
            "Nombre de jours",
            ValueType.COUNT,
            synonyms=(
                "Jours",
                "Nb jours",
                "Nb de jours",
                "Durée (jours)",
                "Durée en jours",
                "Nombre de journées",
            ),
        ),
        COMMUNE,
        QUARTIER,
        Column("role", "Rôle de l'équipe", ValueType.ACTION_ROLE, synonyms=("Rôle", "Portage", "Porteur")),
        Column(
            "commune_event",
            "Événement initié par la commune",
            ValueType.BOOLEAN,
            synonyms=("Événement communal", "Initiative de la commune", "Événement de la commune"),
        ),
        Column(
            "after_needs_study",
            "Décidée après étude de besoin",
            ValueType.BOOLEAN,
            synonyms=("Après étude de besoin", "Étude de besoin"),
        ),
        Column(
            "participants",
            "Jeunes connus",
            ValueType.YOUTH_IDS,
            synonyms=("Participants", "Identifiants des jeunes", "Jeunes participants"),
        ),
        Column("anonymous_male", "Autres garçons", ValueType.COUNT, synonyms=("Garçons", "Nb garçons")),
        Column("anonymous_female", "Autres filles", ValueType.COUNT, synonyms=("Filles", "Nb filles")),
        Column(
            "anonymous_non_binary",
            "Autres non binaires",
            ValueType.COUNT,
            synonyms=("Non binaires", "Nb non binaires"),
        ),
        PARTNERS,
        Column("description", "Description", synonyms=("Descriptif", "Commentaire"), max_length=500),
    ),
    ImportKind.PRESENCES: (
        OWN_RECORD_ID,
        _date("date", "Date", "Le", "Date de la présence", required=True),
        Column(
            "kind",
            "Type",
            ValueType.PRESENCE_KIND,
            synonyms=("Type de présence", "Nature", "Lieu de présence (type)"),
            required=True,
        ),
        MINUTES,
        HOURS,
        COMMUNE,
        QUARTIER,
        Column("place", "Lieu", synonyms=("Adresse", "Endroit"), max_length=120),
        Column(
            "youths_met",
            "Jeunes rencontrés",
            ValueType.COUNT,
            synonyms=("Nombre de jeunes", "Nb jeunes", "Nombre de jeunes rencontrés"),
        ),
        Column(
            "known_youths",
            "Jeunes connus",
            ValueType.YOUTH_IDS,
            synonyms=("Identifiants des jeunes", "Jeunes connus rencontrés"),
        ),
    ),
    ImportKind.MEETINGS: (
        OWN_RECORD_ID,
        _date("date", "Date", "Le", "Date de la réunion", required=True),
        Column("kind", "Type", ValueType.MEETING_KIND, synonyms=("Type de réunion", "Nature"), required=True),
        Column("subject", "Objet", synonyms=("Sujet", "Ordre du jour", "Intitulé"), max_length=200),
        MINUTES,
        HOURS,
        COMMUNE,
        PARTNERS,
    ),
    ImportKind.DIAGNOSTICS: (
        OWN_RECORD_ID,
        _date("date", "Date", "Date du diagnostic", required=True),
        COMMUNE,
        Column("quartier", "Quartier", ValueType.QUARTIER, synonyms=("Secteur",), required=True),
        PARTNERS,
        Column("summary", "Observations", synonyms=("Synthèse", "Constats"), max_length=4000),
        # Several needs in one cell, separated by ";" (a need's wording may hold a comma).
        Column("needs", "Besoins identifiés", synonyms=("Besoins",)),
        Column("resources", "Ressources", synonyms=("Ressources du quartier",), max_length=4000),
    ),
}

# Kinds whose rows need a duration: in minutes or in hours, one of the two.
NEEDS_DURATION = {ImportKind.PRESENCES, ImportKind.MEETINGS}


def column_for(kind: ImportKind, name: str) -> Column | None:
    """The field a header (or a field name, or a Carnet header) designates, if any."""
    wanted = normalise(name)
    for column in COLUMNS[kind]:
        if wanted in column.matching_names:
            return column
    return None


def header_score(kind: ImportKind):
    """How many cells of a row name a field of ``kind``: finds the header row."""

    def score(cells: list[str]) -> int:
        return len({column.field for cell in cells if cell and (column := column_for(kind, cell))})

    return score
