"""The register entry (registre des activités de traitement, RGPD art. 30) and the DPIA
(AIPD, art. 35) draft, filled from the organisation and from what Carnet actually does."""

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from carnet.access.models import Role
from carnet.organisations.models import Organisation, Team


def _years(days: int) -> str:
    years, rest = divmod(days, 365)
    if rest == 0:
        return f"{years} an{'s' if years > 1 else ''} ({days} jours)"
    return f"{days} jours"


DATA_CATEGORIES = [
    "Identification pseudonyme du jeune : prénom, surnom ou code ; nom et date de naissance facultatifs ; "
    "identifiant externe éventuel",
    "Sexe, année de naissance, commune et quartier de résidence",
    "Origine de la rencontre et situation (scolarisé, en formation, en emploi, en rupture)",
    "Accompagnement : modalité (en accroche, ASEP, PAEI), dates, éducateur·rices référent·es, "
    "objectifs du PAEI",
    "Interventions : date, type, domaines (catégories seulement : « Justice » et « Santé » ne décrivent "
    "jamais de faits), partenaires mobilisés, note factuelle courte (280 caractères)",
    "Participation aux actions collectives et présences sociales où le jeune est nommé",
    "Personnels : identifiant, nom, rôle, équipe ; journal des accès (date, action, adresse IP)",
]

RECIPIENTS = [
    "Les éducateur·rices de l'équipe du jeune (données du jeune, saisie de l'activité)",
    "Les chef·fes de service de l'équipe (bilans internes, référentiels)",
    "La direction (bilans, archive restreinte, exercice des droits, journal d'audit)",
    "Les financeurs (commune, département, État) : bilans agrégés seulement, petits effectifs masqués "
    "(seuil de {threshold})",
    "Les partenaires : aucun accès à Carnet ; partage limité au strict nécessaire (secret professionnel, "
    "CASF L221-6)",
]


def security_measures(organisation: Organisation | None) -> list[str]:
    two_factor = (
        "Double authentification (TOTP) obligatoire pour les rôles qui voient des données personnelles"
        if organisation is not None and organisation.require_two_factor
        else "Double authentification (TOTP) disponible, activable par l'organisation pour tous les rôles"
    )
    return [
        "Habilitations par rôle ({roles}) et par équipe : chaque écran, export et commande vérifie le rôle ; "
        "une fiche d'une autre équipe est introuvable".format(
            roles=", ".join(str(label) for label in Role.labels)
        ),
        "Journal d'audit en ajout seul (consultations, exports, modifications, émissions de bilans, "
        "connexions), sans valeur identifiante des jeunes",
        two_factor,
        "Mots de passe hachés avec Argon2 ; limitation des tentatives de connexion ; sessions expirant "
        f"après {settings.SESSION_COOKIE_AGE // 60} minutes d'inactivité",
        "Politique de sécurité du contenu (CSP) stricte, cookies sécurisés, protection CSRF, "
        "en-têtes HSTS en production",
        "Sauvegardes complètes (commande « backup », fichier zip restaurable par « restore »)",
        "Durées de conservation appliquées chaque jour par une tâche automatique : archive restreinte puis "
        "anonymisation",
        "Minimisation : identification pseudonyme, nom et date de naissance facultatifs, notes courtes et "
        "factuelles, bilans externes agrégés",
        "Saisie sans réseau : le téléphone ne garde que le prénom, le surnom, le code et la commune des "
        "jeunes de l'équipe de l'éducateur, jamais ceux d'une autre équipe ; cette copie est tracée au "
        "journal et effacée à la déconnexion, à la perte d'accès et après "
        f"{settings.CARNET_OFFLINE_DAYS} jours sans connexion au serveur",
    ]


def context(*, organisation: Organisation | None, teams: QuerySet[Team]) -> dict:
    return {
        "organisation": organisation,
        "teams": list(teams.filter(organisation=organisation)) if organisation is not None else [],
        "today": timezone.localdate(),
        "active_duration": _years(settings.CARNET_RETENTION_ACTIVE_DAYS),
        "archive_duration": _years(settings.CARNET_RETENTION_ARCHIVE_DAYS),
        "categories": DATA_CATEGORIES,
        "recipients": [line.format(threshold=settings.CARNET_SMALL_COUNT_THRESHOLD) for line in RECIPIENTS],
        "measures": security_measures(organisation),
        "offline_days": settings.CARNET_OFFLINE_DAYS,
    }
