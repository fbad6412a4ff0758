"""Names and texts of the synthetic organisations (``manage.py synth``).

Places are fictional combinations in the style of the mining basin of the
Nord and Pas-de-Calais, where the demo team works; the notes, goals and action
titles are the demo's own (``texts.py``).
"""

from carnet.organisations.models import PartnerType

DEFAULT_ORGANISATION_NAME = "Association de prévention (données synthétiques)"

COMMUNE_STEMS = (  # noqa: SIM905
    "Aubry Beaumont Billy Courcelles Dourges Évin Fouquières Harnes Loison Méricourt Noyelles Oignies "
    "Rouvroy Sallaumines Vendin Wingles Annay Carvin Courrières Leforest Libercourt Estevelles Bully "
    "Grenay Mazingarbe Vermelles Haisnes Douvrin Auchy Cuinchy Cambrin Annequin Nœux Barlin Hersin "
    "Bruay Marles Calonne Lillers Burbure Ferfay Auchel Lozinghem Allouagne Chocques Labourse Beuvry "
    "Verquin Vaudricourt Divion"
).split()
COMMUNE_SUFFIXES = ("", "-les-Mines", "-sous-Bois", "-sur-Deûle", "-la-Gohelle", "-lès-Lens", "-en-Artois")
INSEE_DEPARTEMENTS = ("59", "62")

# (name, is a priority quartier (QPV)); every commune gets a centre and two other quartiers.
QUARTIERS = (
    ("Cité des Fleurs", True),
    ("Cité du 4", True),
    ("Cité Bruno", True),
    ("Résidence les Tilleuls", True),
    ("Quartier de la Gare", False),
    ("Les Hauts de la Plaine", True),
    ("Cité Foch", True),
    ("ZAC du Bord des Eaux", True),
    ("Quartier Sud", True),
    ("Les Marronniers", False),
    ("Cité Saint-Pierre", True),
    ("Le Bois Hulin", False),
    ("Cité des Provinces", True),
    ("Quartier du Stade", False),
)
CENTRE = ("Centre-ville", False)
STREET_PLACES = (
    "City stade — {quartier}",
    "Pied des immeubles — {quartier}",
    "Square — {quartier}",
    "Abords du centre commercial — {quartier}",
    "Arrêt de bus — {quartier}",
)
LOCAL_PLACE = "Local de l'équipe — {quartier}"

STAFF_FIRST_NAMES = (  # noqa: SIM905
    "Camille Julien Sophie Karim Aurélie Nicolas Sabrina Mathieu Nadia Olivier Élodie Samir Virginie "
    "Sébastien Fatima Guillaume Laetitia Yacine Hélène Fabien"
).split()
STAFF_LAST_NAMES = (  # noqa: SIM905
    "Martin Bernard Dubois Lefebvre Leroy Moreau Lemaire Dupont Caron Delattre Boulanger Vasseur "
    "Lambert Mercier Dumont Fontaine Hennebelle Bouchez Delannoy Wallart"
).split()

# A commune's own partners: the demo texts call them by these keys.
LOCAL_PARTNERS = (
    ("ville", "Ville de {commune}", PartnerType.LOCAL_AUTHORITY),
    ("centre-social", "Centre social de {commune}", PartnerType.SOCIAL_CENTRE),
    ("college", "Collège de {commune}", PartnerType.SCHOOL),
    ("mediatheque", "Médiathèque de {commune}", PartnerType.LIBRARY),
)

# (title, first day, days): séjours of a few days, in the holidays.
SEJOURS = (
    ("Séjour marché de Noël Maastricht et Bruges", (12, 16), 2),
    ("Séjour montagne", (2, 17), 5),
    ("Séjour à la mer en Baie de Somme", (7, 17), 4),
    ("Séjour itinérant à vélo", (8, 7), 3),
    ("Séjour découverte à Paris", (4, 20), 3),
)

MEETING_SUBJECTS = {
    "rencontre-partenaire": ("Rencontre avec {partner}", "Point de situation avec {partner}"),
    "cahc": (
        "Réunion thématique : jeunesse et quartiers d'été",
        "Réunion thématique : insertion des 16-25 ans",
    ),
    "cls": ("Contrat local de santé : groupe jeunesse", "Contrat local de santé : bilan des actions"),
    "pedt": ("Groupe de travail PEDT : temps périscolaires", "Comité de pilotage du PEDT"),
    "bailleur": ("Réunion bailleur : occupation des halls", "Réunion bailleur : {quartier}"),
}
DIAGNOSTIC_SUMMARIES = (
    "Peu d'espaces pour les 11-16 ans en soirée ; attentes fortes autour du centre social. "
    "Rassemblements de jeunes aux abords du square.",
    "Le city stade est le principal lieu de rencontre ; demande d'animations sportives régulières.",
    "Présence de jeunes adultes sans solution d'insertion ; lien à développer avec la Mission locale.",
    "Jeunes collégiens présents en fin de journée ; peu d'offre de loisirs accessible sans inscription.",
    "Lieux de passage plus que de rassemblement ; repérage à poursuivre.",
)
