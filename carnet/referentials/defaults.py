"""The values every new organisation starts with: those of the seed report.

Labels are the ones funders read in the bilan d'activité; codes are stable
identifiers for imports and for the counting rules that need a meaning.
"""

DOMAINS = [
    ("comportement", "Comportement"),
    ("sante", "Santé / Bien être"),
    ("scolarite", "Scolarité"),
    ("famille", "Famille"),
    ("insertion-pro", "Insertion pro"),
    ("loisirs", "Loisir / Sport / Culture"),
    ("formation", "Formation"),
    ("mobilite", "Mobilité"),
    ("justice", "Justice"),
    ("administratif", "Administratif"),
    ("aide-urgence", "Aide d'urgence"),
]

# (code, label, rank): a higher rank is a more intensive accompaniment.
MODALITIES = [
    ("paei", "Projet d'Accompagnement Educatif Individualisé (PAEI)", 3),
    ("asep", "Accompagnement Socio-Educatif Ponctuel (ASEP)", 2),
    ("accroche", "En accroche", 1),
]

ORIGINS = [
    ("presence-sociale", "Présence sociale"),
    ("tiers", "Tiers"),
    ("partenaire", "Partenaire"),
    ("demarche-personnelle", "Démarche personnelle du jeune"),
]

SITUATIONS = [
    ("scolarise", "Scolarisé"),
    ("rupture", "En rupture (NEET ou déscolarisé)"),
    ("formation", "En formation"),
    ("emploi", "En emploi"),
]

# (code, label, category)
ACTION_TYPES = [
    ("atelier", "Atelier", "workshop"),
    ("sortie", "Sortie", "outing"),
    ("sejour", "Séjour", "trip"),
    ("dsl", "Action DSL (sur le quartier)", "local_development"),
]

PRESENCE_KINDS = [
    ("rue", "Travail de rue"),
    ("college", "Présence au collège"),
    ("local", "Présence sociale au local"),
]

MEETING_KINDS = [
    ("cahc", "Réunion thématique CAHC"),
    ("cls", "Contrat local de santé (CLS)"),
    ("pedt", "Projet éducatif de territoire (PEDT)"),
    ("bailleur", "Réunion bailleur"),
    ("rencontre-partenaire", "Rencontre d'un partenaire"),
    ("diagnostic", "Diagnostic territorial partagé"),
]

# (code, label, min_age, max_age)
AGE_BRACKETS = [
    ("6-9", "6 - 9 ans", 6, 9),
    ("10-11", "10 - 11 ans", 10, 11),
    ("12-15", "12 - 15 ans", 12, 15),
    ("16-17", "16 - 17 ans", 16, 17),
    ("18-20", "18 - 20 ans", 18, 20),
    ("21-24", "21 - 24 ans", 21, 24),
    ("25-plus", "25 ans et +", 25, None),
]
