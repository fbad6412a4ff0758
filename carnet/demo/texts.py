"""What users read in the demo records: notes, goals, titles, subjects.

Notes describe the work done, never an offence or a health detail: "Justice" and
"Santé / Bien être" are categories, the note says what the educator did.
"""

import datetime
from typing import NamedTuple

from carnet.activity.models import InterventionKind

D = datetime.date
MG = "Montigny-en-Gohelle"
HB = "Hénin-Beaumont"
LV = "Liévin"

# Domain code -> notes of the interventions whose main domain it is.
INTERVIEW, STEP, ESCORT, CONTACT = (
    InterventionKind.INTERVIEW,
    InterventionKind.STEP,
    InterventionKind.ESCORT,
    InterventionKind.CONTACT,
)


class Note(NamedTuple):
    kind: str
    text: str
    partner: str | None = None  # the partner mobilised, if any
    collegians_only: bool = False  # only for youths at the collège (11 to 15, in school)


INTERVENTION_NOTES: dict[str, tuple[Note, ...]] = {
    "comportement": (
        Note(INTERVIEW, "Entretien au local, échange sur les relations avec les autres jeunes du quartier"),
        Note(
            INTERVIEW,
            "Échange après un conflit au collège, recherche de solutions avec le jeune",
            "college",
            collegians_only=True,
        ),
        Note(INTERVIEW, "Retour avec le jeune sur le respect des règles lors de la dernière sortie"),
        Note(INTERVIEW, "Entretien de rue avec le médiateur après un différend entre voisins", "mediateur"),
        Note(
            INTERVIEW,
            "Point avec le jeune sur une mesure de responsabilisation au collège",
            "college",
            collegians_only=True,
        ),
        Note(CONTACT, "Échange par message sur l'usage des réseaux sociaux entre jeunes"),
    ),
    "sante": (
        Note(STEP, "Orientation vers un partenaire santé", "mda"),
        Note(INTERVIEW, "Échange sur le sommeil et l'hygiène de vie"),
        Note(INTERVIEW, "Présentation des lieux d'écoute pour les jeunes", "mda"),
        Note(STEP, "Aide à la prise de rendez-vous auprès d'un médecin traitant"),
        Note(INTERVIEW, "Échange de prévention sur les conduites à risque", "escapade"),
        Note(ESCORT, "Accompagnement à un premier rendez-vous chez un partenaire", "mds"),
    ),
    "scolarite": (
        Note(INTERVIEW, "Entretien au local, point sur l'assiduité"),
        Note(
            INTERVIEW,
            "Rencontre avec la CPE du collège en présence du jeune",
            "college",
            collegians_only=True,
        ),
        Note(STEP, "Aide à la recherche d'un stage d'observation de 3e", collegians_only=True),
        Note(INTERVIEW, "Échange sur l'orientation après la 3e", "college", collegians_only=True),
        Note(STEP, "Aide aux devoirs à la médiathèque", "mediatheque"),
        Note(INTERVIEW, "Point avec le PRE sur le parcours scolaire, avec l'accord de la famille", "pre"),
    ),
    "famille": (
        Note(INTERVIEW, "Rencontre avec la mère au domicile, à sa demande"),
        Note(INTERVIEW, "Entretien avec le jeune et son père au local"),
        Note(CONTACT, "Échange téléphonique avec la famille pour préparer une sortie"),
        Note(INTERVIEW, "Médiation entre le jeune et ses parents autour des horaires"),
        Note(STEP, "Orientation de la famille vers la MDS", "mds"),
    ),
    "insertion-pro": (
        Note(ESCORT, "Accompagnement à la Mission locale pour une inscription", "mission-locale"),
        Note(STEP, "Rédaction d'un CV au local"),
        Note(INTERVIEW, "Préparation d'un entretien d'embauche"),
        Note(STEP, "Recherche d'offres d'emploi saisonnier"),
        Note(INTERVIEW, "Présentation du contrat d'engagement jeune", "cej-r"),
        Note(STEP, "Mise en lien avec l'animatrice territoriale de l'AFP2I", "afp2i"),
    ),
    "loisirs": (
        Note(STEP, "Inscription au futsal avec la MJC", "mjc-rouvroy"),
        Note(INTERVIEW, "Recherche d'un club de sport avec le jeune"),
        Note(INTERVIEW, "Présentation des activités de la médiathèque", "mediatheque"),
        Note(INTERVIEW, "Préparation de la participation du jeune à une action collective"),
        Note(STEP, "Découverte des activités de l'UFOLEP", "ufolep"),
    ),
    "formation": (
        Note(STEP, "Recherche d'une formation qualifiante", "mission-locale"),
        Note(INTERVIEW, "Information sur l'apprentissage et les CFA"),
        Note(ESCORT, "Accompagnement à une journée portes ouvertes"),
        Note(STEP, "Aide à l'inscription à une remise à niveau", "afp2i"),
    ),
    "mobilite": (
        Note(STEP, "Démarches pour l'inscription au code de la route"),
        Note(STEP, "Aide pour obtenir une carte de transport", "mission-locale"),
        Note(ESCORT, "Repérage en bus du trajet vers le lieu de formation"),
    ),
    "justice": (
        Note(ESCORT, "Accompagnement à un rendez-vous, à la demande du jeune"),
        Note(INTERVIEW, "Information sur les droits et devoirs, orientation vers un point d'accès au droit"),
    ),
    "administratif": (
        Note(STEP, "Aide au renouvellement de la carte d'identité"),
        Note(STEP, "Aide à la constitution d'un dossier administratif", "mds"),
        Note(STEP, "Création d'un espace en ligne avec le jeune"),
    ),
    "aide-urgence": (Note(STEP, "Orientation vers une solution d'hébergement d'urgence", "mds"),),
}

# PAEI goals, for youths under 16 and for older ones.
PAEI_GOALS_YOUNGER = (
    "Retrouver une scolarité régulière",
    "Préparer l'orientation après la 3e",
    "Pratiquer une activité sportive en club",
    "Renouer le dialogue avec la famille",
    "Participer à une action collective du quartier",
    "Trouver un stage d'observation",
)
PAEI_GOALS_OLDER = (
    "S'inscrire à la Mission locale",
    "Construire un projet professionnel",
    "Entrer en formation qualifiante",
    "Préparer le code de la route",
    "Mettre à jour ses papiers d'identité",
    "Trouver un emploi saisonnier",
)

# Collective actions: (title, partner keys, months it may happen in; None: any month).
# "ville", "centre-social", "college" and "mediatheque" stand for the commune's own;
# "{quartier}" and "{commune}" are replaced by the action's; a commune event whose title
# names no quartier concerns the whole commune.
ATELIERS = (
    ("Rétro gaming et sensibilisation au jeu vidéo", ("amis-mandela",), None),
    ("Découverte du doublage avec l'école buissonnière", ("ecole-buissonniere",), None),
    ("Atelier graff", (), (6, 7, 8, 9)),
    ("Graff et PS5 à Evin-Malmaison", (), None),
    ("Découverte de la radio et du micro-débat", (), (10, 11, 12)),
    ("Atelier à la médiathèque", ("mediatheque",), None),
    ("Futsal avec la MJC de Rouvroy", ("mjc-rouvroy",), None),
    ("Groupe ados avec le PRE", ("pre",), (9, 10, 11, 12)),
)
SORTIES = (
    ("Sortie à la mer", (), (7, 8)),
    ("Sortie patinoire", (), (10, 11, 12)),
    ("Sortie cinéma", (), None),
    ("Sortie bowling", (), None),
    ("Sortie au bord des eaux", (), (6, 7, 8, 9)),
    ("Découverte du Flow à Lille", (), None),
    ("Visite de l'école buissonnière", ("ecole-buissonniere",), None),
    ("Découverte du festival polynésien", (), (7,)),
    (
        "Spectacle sur le harcèlement — SPS Harnes et « Les ailes de Lindsay »",
        ("sps-harnes", "ailes-lindsay"),
        (11,),
    ),
    ("Visite d'une médiathèque du territoire", ("mediatheque",), None),
)
SEJOURS = (("Séjour marché de Noël Maastricht et Bruges", D(2023, 12, 16), D(2023, 12, 17)),)
DSL_INITIATED = (
    ("Animation de quartier avec les Compagnons bâtisseurs", ("compagnons",), (6, 7, 8, 9, 10)),
    ("Hors les murs avec le centre social", ("centre-social",), None),
    ("Animation sport — {quartier}", ("centre-social",), (6, 7, 8, 9)),
    ("Animation sport — {quartier}", ("centre-social",), (6, 7, 8, 9)),
    ("Ufostreet sur le quartier avec l'UFOLEP", ("ufolep",), (6, 7, 8, 9)),
)
# Events the commune initiates and the team joins with youths:
# (title, partners, months or the event's date, how many).
COMMUNE_EVENTS = (
    ("Quartiers d'été — {quartier}", ("ville", "centre-social"), (7, 8), 9),
    ("« Plage » de la ville", ("ville",), (7, 8), 5),
    ("Olympiades des quartiers", ("ville", "ufolep"), (6, 7), 2),
    ("Journée associative à {commune}", ("ville",), D(2023, 9, 9), 1),
    ("Temps fort futsal", ("ville", "mjc-rouvroy"), (10, 11, 12), 4),
    ("Fête de la musique", ("ville",), D(2023, 6, 21), 1),
    ("Fête de quartier — {quartier}", ("ville", "centre-social", "bailleur"), (6, 9), 2),
    ("Halloween au centre social", ("centre-social",), D(2023, 10, 31), 1),
    ("Marché de Noël de la ville", ("ville",), D(2023, 12, 9), 1),
    ("Réunion de mobilisation pour les quartiers d'été", ("ville", "centre-social"), (6,), 1),
)

# Partnership meetings: (date, kind code, commune, partner keys, subject).
# A meeting with a partner lasts 1 h 30, a thematic or steering one 2 h.
MEET = "rencontre-partenaire"
MEETING_MINUTES = {MEET: 90, "bailleur": 90, "cahc": 120, "cls": 120, "pedt": 120, "diagnostic": 150}
MEETINGS = (
    (D(2023, 5, 16), MEET, MG, ("centre-social",), "Présentation de l'EMPS au centre social"),
    (D(2023, 5, 23), MEET, HB, ("mission-locale",), "Rencontre avec la Mission locale"),
    (D(2023, 5, 30), MEET, MG, ("pre",), "Rencontre avec l'équipe du PRE"),
    (D(2023, 6, 6), "cahc", MG, ("cahc",), "CAHC : jeunesse et quartiers d'été"),
    (D(2023, 6, 13), MEET, HB, ("mds",), "Rencontre avec la MDS"),
    (D(2023, 6, 20), MEET, MG, ("mediateur",), "Rencontre avec les médiateurs de quartier"),
    (D(2023, 6, 27), "bailleur", HB, ("bailleur",), "Réunion bailleur : occupation des halls"),
    (D(2023, 7, 4), MEET, HB, ("mda",), "Rencontre avec la Maison des adolescents"),
    (D(2023, 9, 5), "pedt", MG, ("ville-montigny", "pre"), "Groupe de travail PEDT : temps périscolaires"),
    (D(2023, 9, 12), MEET, MG, ("college-gagarine",), "Rencontre avec le collège Youri Gagarine"),
    (D(2023, 9, 19), "cls", HB, ("cahc", "mda", "escapade"), "CLS : groupe jeunesse"),
    (D(2023, 9, 26), MEET, MG, ("afp2i",), "Rencontre avec l'AFP2I"),
    (D(2023, 10, 3), "cahc", MG, ("cahc", "sps-harnes"), "CAHC : prévention du harcèlement"),
    (D(2023, 10, 10), "bailleur", MG, ("bailleur",), "Réunion bailleur : ZAC des Deux Villes"),
    (D(2023, 10, 17), MEET, MG, ("ufolep",), "Rencontre avec l'UFOLEP"),
    (D(2023, 10, 24), MEET, MG, ("compagnons",), "Rencontre avec les Compagnons bâtisseurs"),
    (D(2023, 11, 7), "cahc", HB, ("cahc", "mission-locale"), "CAHC : insertion des 16-25 ans"),
    (D(2023, 11, 14), MEET, HB, ("escapade",), "Rencontre avec Escapade"),
    (D(2023, 11, 21), "pedt", MG, ("ville-montigny",), "Comité de pilotage du PEDT"),
    (D(2023, 11, 28), "cls", MG, ("cahc", "mda"), "CLS : bilan des actions jeunesse"),
    (D(2023, 12, 5), MEET, HB, ("cej-r", "mission-locale"), "Rencontre avec le CEJ-R"),
    (D(2023, 12, 12), "cahc", HB, ("cahc",), "CAHC : bilan de l'année"),
    # The EMPS of Liévin, the association's second team.
    (D(2023, 5, 23), MEET, LV, ("centre-social",), "Présentation de l'EMPS au centre social de Liévin"),
    (D(2023, 6, 1), MEET, LV, ("mission-locale",), "Rencontre avec la Mission locale"),
    (D(2023, 6, 15), MEET, LV, ("college",), "Rencontre avec l'équipe de direction du collège"),
    (D(2023, 6, 29), "bailleur", LV, ("bailleur",), "Réunion bailleur : résidences des Marichelles"),
    (D(2023, 7, 6), MEET, LV, ("mediateur",), "Rencontre avec les médiateurs de quartier"),
    (D(2023, 9, 14), "pedt", LV, ("ville", "pre"), "Groupe de travail PEDT : accueil des collégiens"),
    (D(2023, 9, 28), MEET, LV, ("mds",), "Rencontre avec la MDS"),
    (D(2023, 10, 12), "cls", LV, ("mda", "escapade"), "CLS : santé des jeunes"),
    (D(2023, 11, 9), MEET, LV, ("ufolep",), "Rencontre avec l'UFOLEP"),
    (D(2023, 11, 23), "bailleur", LV, ("bailleur", "mediateur"), "Réunion bailleur : cité de Calonne"),
    (D(2023, 12, 7), MEET, LV, ("cej-r", "mission-locale"), "Rencontre avec le CEJ-R"),
    (D(2023, 12, 14), "pedt", LV, ("ville",), "Comité de pilotage du PEDT"),
)

# One shared diagnostic per quartier: (commune, quartier, date, partner keys, summary).
DIAGNOSTICS = (
    (
        MG,
        "ZAC des Deux Villes",
        D(2023, 10, 12),
        ("centre-social", "mediateur", "pre", "bailleur"),
        "Quartier récent, peu d'espaces pour les 11-16 ans en soirée ; attentes fortes autour du "
        "centre social et de la Maison du projet. Rassemblements de jeunes aux abords du square.",
    ),
    (
        MG,
        "Cité du 7 / Plaine du 7",
        D(2023, 10, 24),
        ("centre-social", "mediateur", "pre"),
        "Le city stade est le principal lieu de rencontre ; demande d'animations sportives "
        "régulières. Lien à construire avec les habitants les plus anciens.",
    ),
    (
        MG,
        "Centre-ville",
        D(2023, 11, 7),
        ("mediatheque", "mediateur", "ville-montigny"),
        "Passage de jeunes autour de la médiathèque et des arrêts de bus ; la médiathèque "
        "La Boussole est un point d'appui pour le lien et l'accès au numérique.",
    ),
    (
        HB,
        "Quartier Darcy",
        D(2023, 11, 14),
        ("centre-social-henin", "mds", "bailleur"),
        "Présence de jeunes adultes sans solution d'insertion ; lien à développer avec la "
        "Mission locale. Attentes des habitants sur la tranquillité des halls.",
    ),
    (
        HB,
        "Quartier Est",
        D(2023, 11, 28),
        ("centre-social-henin", "mediateur"),
        "Jeunes collégiens présents en fin de journée autour de la galerie commerçante ; "
        "peu d'offre de loisirs accessible sans inscription.",
    ),
    (
        HB,
        "Centre",
        D(2023, 12, 5),
        ("ville-henin", "mission-locale"),
        "Lieux de passage plus que de rassemblement ; repérage à poursuivre en 2024.",
    ),
    (
        LV,
        "Marichelles",
        D(2023, 11, 16),
        ("centre-social", "mediateur", "bailleur"),
        "Groupes de 14-17 ans autour du city stade en soirée ; peu de lien avec les structures du "
        "quartier. Le centre social et le bailleur souhaitent des temps d'animation partagés.",
    ),
    (
        LV,
        "Calonne",
        D(2023, 11, 30),
        ("centre-social", "pre", "mediateur"),
        "Jeunes collégiens présents après l'école, familles peu mobiles ; attentes autour de "
        "l'aide aux devoirs et des sorties pendant les vacances.",
    ),
    (
        LV,
        "Centre",
        D(2023, 12, 12),
        ("ville", "mediatheque"),
        "Passage de jeunes autour de l'hôtel de ville et de la médiathèque ; repérage à poursuivre, "
        "en lien avec la ville, au premier trimestre 2024.",
    ),
)
