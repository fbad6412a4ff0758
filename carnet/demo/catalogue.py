"""Who and where: the seed's organisation, its two teams, places, staff and partners.

The first team, the EMPS of Montigny-en-Gohelle, is the seed's. The second, the
EMPS of Liévin, is fictional: it lets one try the boundary between teams. People
other than the two educators named in the seed are fictional.
"""

import datetime
from dataclasses import dataclass

from carnet.access.models import Role
from carnet.organisations.models import FunderLevel, PartnerType

DEMO_ORGANISATION_NAME = "Association Rencontres et Loisirs"
DEMO_TEAM_NAME = "EMPS Montigny-en-Gohelle"
DEMO_TEAM_SHORT_NAME = "EMPS"
DEMO_TEAM_START = datetime.date(2023, 5, 9)
SECOND_TEAM_NAME = "EMPS Liévin"
SECOND_TEAM_SHORT_NAME = "EMPS Liévin"
SECOND_TEAM_START = datetime.date(2023, 5, 15)

# One password for every demo account: the demo is for trying Carnet, never for real data.
DEMO_PASSWORD = "carnet-demo-2023"

# The admin account manages users and their roles in Django's admin through this group's
# model permissions, without being a superuser.
ADMIN_GROUP_NAME = "Administrateurs Carnet"
ADMIN_GROUP_PERMISSIONS = (
    "access.add_user",
    "access.change_user",
    "access.view_user",
    "access.add_membership",
    "access.change_membership",
    "access.view_membership",
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    team: str | None  # the team's name; None: the membership covers the whole organisation
    description: str  # what one can try with this login, in French, for demo_logins
    start_date: datetime.date | None = None
    # Only the administrator enters the Django admin (carnet.access.admin_site).
    is_staff: bool = False
    groups: tuple[str, ...] = ()


EDUCATOR_CAN = "fiches des jeunes et saisie de l'activité de l'équipe"
TEAM_LEADER_CAN = "bilans, référentiels, toutes les fiches de l'équipe"

# In the order demo_logins lists them: each team's staff, then the organisation's.
DEMO_USERS = (
    DemoUser(
        "thomas.normand",
        "Thomas",
        "Normand",
        Role.EDUCATOR,
        team=DEMO_TEAM_NAME,
        description=f"référent de Montigny-en-Gohelle, {EDUCATOR_CAN} ; aucune fiche de Liévin",
        start_date=datetime.date(2023, 5, 11),
    ),
    DemoUser(
        "jerome.chavatte",
        "Jérôme",
        "Chavatte",
        Role.EDUCATOR,
        team=DEMO_TEAM_NAME,
        description=f"référent d'Hénin-Beaumont, {EDUCATOR_CAN}",
        start_date=datetime.date(2023, 5, 9),
    ),
    DemoUser(
        "claire.lefebvre",
        "Claire",
        "Lefebvre",
        Role.TEAM_LEADER,
        team=DEMO_TEAM_NAME,
        description=TEAM_LEADER_CAN,
        start_date=datetime.date(2023, 5, 2),
    ),
    DemoUser(
        "sophie.delattre",
        "Sophie",
        "Delattre",
        Role.EDUCATOR,
        team=SECOND_TEAM_NAME,
        description=f"référente de Liévin, {EDUCATOR_CAN} ; aucune fiche de Montigny-en-Gohelle",
        start_date=datetime.date(2023, 5, 15),
    ),
    DemoUser(
        "karim.belkacem",
        "Karim",
        "Belkacem",
        Role.EDUCATOR,
        team=SECOND_TEAM_NAME,
        description=f"en binôme à Liévin, {EDUCATOR_CAN}",
        start_date=datetime.date(2023, 5, 22),
    ),
    DemoUser(
        "julien.carpentier",
        "Julien",
        "Carpentier",
        Role.TEAM_LEADER,
        team=SECOND_TEAM_NAME,
        description=TEAM_LEADER_CAN,
        start_date=datetime.date(2023, 5, 9),
    ),
    DemoUser(
        "marc.dubois",
        "Marc",
        "Dubois",
        Role.DIRECTOR,
        team=None,
        description="bilans et fiches (lecture) des deux équipes, référentiels, archives, journal d'audit",
    ),
    DemoUser(
        "anct.lecteur",
        "Lecteur",
        "ANCT",
        Role.FUNDER_VIEWER,
        team=None,
        description="ANCT, bilans émis en version externe seulement, ni fiches ni administration",
    ),
    DemoUser(
        "admin",
        "Administrateur",
        "Carnet",
        Role.ADMIN,
        team=None,
        description=(
            "comptes, rôles et équipes dans l'administration (/admin/), aucune fiche de jeune ; "
            "double authentification à activer à la première connexion"
        ),
        is_staff=True,
        groups=(ADMIN_GROUP_NAME,),
    ),
)


@dataclass(frozen=True)
class CommuneSpec:
    name: str
    insee_code: str
    code_prefix: str  # youths' codes start with it
    referent: str  # username of the référent educator
    binome: str  # username of the colleague who works in binôme
    quartiers: tuple[tuple[str, bool, tuple[str, ...]], ...]  # (name, is QPV, places of street work)
    local: tuple[str, str]  # (quartier, place) of the team's local
    # The commune's own partners, for texts that say "ville", "centre-social", "college"...
    local_partners: dict[str, str]


SEED_COMMUNES = (
    CommuneSpec(
        name="Montigny-en-Gohelle",
        insee_code="62587",
        code_prefix="MG",
        referent="thomas.normand",
        binome="jerome.chavatte",
        quartiers=(
            ("ZAC des Deux Villes", True, ("Square de la ZAC", "Abords de la Maison du projet")),
            ("Cité du 7 / Plaine du 7", True, ("City stade de la Plaine du 7", "Rues de la cité du 7")),
            (
                "Centre-ville",
                False,
                ("Abords de la médiathèque La Boussole", "Parc de la mairie", "Arrêt de bus du centre-ville"),
            ),
        ),
        local=("ZAC des Deux Villes", "Local de l'EMPS, ZAC des Deux Villes"),
        local_partners={
            "ville": "ville-montigny",
            "centre-social": "centre-social-montigny",
            "college": "college-gagarine",
            "mediatheque": "mediatheque-boussole",
        },
    ),
    CommuneSpec(
        name="Hénin-Beaumont",
        insee_code="62427",
        code_prefix="HB",
        referent="jerome.chavatte",
        binome="thomas.normand",
        quartiers=(
            ("Quartier Darcy", True, ("City stade du quartier Darcy", "Pied des immeubles Darcy")),
            ("Quartier Est", True, ("Galerie commerçante du quartier Est", "Square du quartier Est")),
            ("Centre", False, ("Place Jean Jaurès", "Abords de la gare")),
        ),
        local=("Quartier Darcy", "Permanence au centre social, quartier Darcy"),
        local_partners={
            "ville": "ville-henin",
            "centre-social": "centre-social-henin",
            "college": "college-henin",
            "mediatheque": "mediatheque-henin",
        },
    ),
)
LIEVIN = CommuneSpec(
    name="Liévin",
    insee_code="62510",
    code_prefix="LV",
    referent="sophie.delattre",
    binome="karim.belkacem",
    quartiers=(
        ("Marichelles", True, ("City stade des Marichelles", "Pied des immeubles des Marichelles")),
        ("Calonne", True, ("Square de la cité de Calonne", "Abords de l'école de Calonne")),
        (
            "Centre",
            False,
            ("Place de l'hôtel de ville", "Abords de la médiathèque", "Arrêt de bus du centre"),
        ),
    ),
    local=("Marichelles", "Local de l'EMPS, quartier des Marichelles"),
    local_partners={
        "ville": "ville-lievin",
        "centre-social": "centre-social-lievin",
        "college": "college-lievin",
        "mediatheque": "mediatheque-lievin",
    },
)


@dataclass(frozen=True)
class TeamSpec:
    name: str
    short_name: str
    start_date: datetime.date
    communes: tuple[CommuneSpec, ...]


TEAMS = (
    TeamSpec(DEMO_TEAM_NAME, DEMO_TEAM_SHORT_NAME, DEMO_TEAM_START, SEED_COMMUNES),
    TeamSpec(SECOND_TEAM_NAME, SECOND_TEAM_SHORT_NAME, SECOND_TEAM_START, (LIEVIN,)),
)


@dataclass(frozen=True)
class PartnerSpec:
    key: str  # how the texts refer to the partner
    name: str
    partner_type: PartnerType
    commune: str | None = None


PARTNERS = (
    PartnerSpec("ecole-buissonniere", "École buissonnière", PartnerType.ASSOCIATION, "Montigny-en-Gohelle"),
    PartnerSpec(
        "mediatheque-boussole", "Médiathèque La Boussole", PartnerType.LIBRARY, "Montigny-en-Gohelle"
    ),
    PartnerSpec("mediatheque-henin", "Médiathèque d'Hénin-Beaumont", PartnerType.LIBRARY, "Hénin-Beaumont"),
    PartnerSpec(
        "centre-social-montigny",
        "Centre social de Montigny-en-Gohelle",
        PartnerType.SOCIAL_CENTRE,
        "Montigny-en-Gohelle",
    ),
    PartnerSpec(
        "centre-social-henin", "Centre social d'Hénin-Beaumont", PartnerType.SOCIAL_CENTRE, "Hénin-Beaumont"
    ),
    PartnerSpec("pre", "Programme de réussite éducative (PRE)", PartnerType.EDUCATIONAL_SUCCESS),
    PartnerSpec("mediateur", "Médiateurs de quartier", PartnerType.MEDIATION),
    PartnerSpec("afp2i", "AFP2I", PartnerType.EMPLOYMENT),
    PartnerSpec("college-gagarine", "Collège Youri Gagarine", PartnerType.SCHOOL, "Montigny-en-Gohelle"),
    PartnerSpec("college-henin", "Collège d'Hénin-Beaumont", PartnerType.SCHOOL, "Hénin-Beaumont"),
    PartnerSpec("bailleur", "Bailleur social", PartnerType.LANDLORD),
    PartnerSpec("mds", "Maison du Département Solidarité (MDS)", PartnerType.SOCIAL_SERVICE),
    PartnerSpec("ufolep", "UFOLEP", PartnerType.ASSOCIATION),
    PartnerSpec("sps-harnes", "SPS Harnes", PartnerType.ASSOCIATION),
    PartnerSpec("ailes-lindsay", "Les ailes de Lindsay", PartnerType.ASSOCIATION),
    PartnerSpec("mjc-rouvroy", "MJC de Rouvroy", PartnerType.ASSOCIATION),
    PartnerSpec("compagnons", "Compagnons bâtisseurs", PartnerType.ASSOCIATION),
    PartnerSpec("amis-mandela", "Les Amis de Mandela", PartnerType.ASSOCIATION),
    PartnerSpec("mission-locale", "Mission locale", PartnerType.EMPLOYMENT),
    PartnerSpec("mda", "Maison des adolescents (MDA)", PartnerType.SOCIAL_SERVICE),
    PartnerSpec("cahc", "Communauté d'agglomération d'Hénin-Carvin (CAHC)", PartnerType.LOCAL_AUTHORITY),
    PartnerSpec("escapade", "Escapade", PartnerType.SOCIAL_SERVICE),
    PartnerSpec("cej-r", "CEJ jeunes en rupture (CEJ-R)", PartnerType.EMPLOYMENT),
    PartnerSpec(
        "ville-montigny", "Ville de Montigny-en-Gohelle", PartnerType.LOCAL_AUTHORITY, "Montigny-en-Gohelle"
    ),
    PartnerSpec("ville-henin", "Ville d'Hénin-Beaumont", PartnerType.LOCAL_AUTHORITY, "Hénin-Beaumont"),
    # Liévin's own, with the prefixes synth.py leaves out ("ville-", "college-"...).
    PartnerSpec("ville-lievin", "Ville de Liévin", PartnerType.LOCAL_AUTHORITY, "Liévin"),
    PartnerSpec("centre-social-lievin", "Centre social de Liévin", PartnerType.SOCIAL_CENTRE, "Liévin"),
    PartnerSpec("college-lievin", "Collège de Liévin", PartnerType.SCHOOL, "Liévin"),
    PartnerSpec("mediatheque-lievin", "Médiathèque de Liévin", PartnerType.LIBRARY, "Liévin"),
)

# Each funds every team of the demo.
FUNDERS = (("ANCT — Agence nationale de la cohésion des territoires", FunderLevel.STATE),)

# Pseudonymous first names; youths are also given a code. A string reads better than 80 items.
MALE_NAMES = (  # noqa: SIM905
    "Lucas Enzo Nathan Mathéo Kylian Rayan Noah Yanis Ethan Théo Hugo Louka Mohamed Ilyes Sacha Maël "
    "Dylan Kevin Jordan Axel Tom Mattéo Lenny Timéo Evan Bilal Adam Nolan Samy Killian Jules Gabin "
    "Anis Romain Florian Bryan Logan Mehdi Valentin Corentin Antoine Quentin Alexis Marius Nassim"
).split()
FEMALE_NAMES = (  # noqa: SIM905
    "Léa Manon Chloé Inès Jade Lina Emma Louna Maëlys Océane Sarah Lola Camille Clara Zoé Anaïs "
    "Yasmine Lily Maya Nina Romane Célia Justine Eva Lou Margaux Alicia Noémie Amel Kenza Shaïna "
    "Louane Elsa Mélina Pauline"
).split()
NICKNAMES = ("Zizou", "Pitchou", "Nono", "Loulou", "Mimi", "Sosso", "Titi", "Ptit Lu", "Bibi")
