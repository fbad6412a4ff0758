"""Who and where: the seed's organisation, team, places, staff and partners.

People other than the two educators named in the seed are fictional.
"""

import datetime
from dataclasses import dataclass

from carnet.access.models import Role
from carnet.organisations.models import FunderLevel, PartnerType

DEMO_ORGANISATION_NAME = "Association Rencontres et Loisirs"
DEMO_TEAM_NAME = "EMPS Montigny-en-Gohelle"
DEMO_TEAM_SHORT_NAME = "EMPS"
DEMO_TEAM_START = datetime.date(2023, 5, 9)

# One password for every demo account: the demo is for trying Carnet, never for real data.
DEMO_PASSWORD = "carnet-demo-2023"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    in_team: bool  # False: the membership covers the whole organisation
    description: str  # a detail on the role, in French, for demo_logins; may be empty
    start_date: datetime.date | None = None
    is_staff: bool = True
    is_superuser: bool = False


DEMO_USERS = (
    DemoUser(
        "thomas.normand",
        "Thomas",
        "Normand",
        Role.EDUCATOR,
        in_team=True,
        description="référent de Montigny-en-Gohelle",
        start_date=datetime.date(2023, 5, 11),
    ),
    DemoUser(
        "jerome.chavatte",
        "Jérôme",
        "Chavatte",
        Role.EDUCATOR,
        in_team=True,
        description="référent d'Hénin-Beaumont",
        start_date=datetime.date(2023, 5, 9),
    ),
    DemoUser(
        "claire.lefebvre",
        "Claire",
        "Lefebvre",
        Role.TEAM_LEADER,
        in_team=True,
        description="",
        start_date=datetime.date(2023, 5, 2),
    ),
    DemoUser(
        "marc.dubois",
        "Marc",
        "Dubois",
        Role.DIRECTOR,
        in_team=False,
        description="",
    ),
    DemoUser(
        "anct.lecteur",
        "Lecteur",
        "ANCT",
        Role.FUNDER_VIEWER,
        in_team=False,
        description="ANCT, sans accès à l'administration",
        is_staff=False,
    ),
    DemoUser(
        "admin",
        "Administrateur",
        "Carnet",
        Role.ADMIN,
        in_team=False,
        description="superutilisateur",
        is_superuser=True,
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


COMMUNES = (
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
)

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
