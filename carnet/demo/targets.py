"""The figures the demo records must produce, as plain data.

Montigny-en-Gohelle's figures are those of the seed report (bilan d'activité of
the EMPS, 9 May to 31 December 2023): the report engine, run on this commune and
period, must print exactly the seed's rows. Hénin-Beaumont's figures are free,
chosen to look like a smaller year of the same team, so that the whole-team
report differs from the Montigny one. Liévin's are free too: the second team of
the association, over the same months.

The builders read these tables and nothing else: the demo does not depend on the
test fixtures, and the tests check the built records against the seed's tables.
"""

import datetime
from dataclasses import dataclass

PERIOD_START = datetime.date(2023, 5, 9)
PERIOD_END = datetime.date(2023, 12, 31)

# Fixed seeds: the data set is the same on every load, whatever today's date.
RANDOM_SEEDS = {"Montigny-en-Gohelle": 62587, "Hénin-Beaumont": 62427, "Liévin": 62510}


@dataclass(frozen=True)
class YouthGroup:
    """Youths of one sex sharing a situation story; one youth per age."""

    sex: str
    situation_story: str | None  # a key of SITUATION_STORIES; None: no situation recorded
    ages: tuple[int, ...]  # age reached on 31/12/2023


@dataclass(frozen=True)
class CommuneTargets:
    commune: str
    youth_groups: tuple[YouthGroup, ...]
    origins: dict[str, dict[str, int]]  # sex -> origin code -> youths
    modalities: dict[str | None, int]  # highest modality in the period -> youths (None: no period)
    domains: dict[str, tuple[int, int]]  # domain code -> (interventions, distinct youths)
    # Collective actions by kind: atelier, sortie, sejour, dsl_initiated, dsl_associated (the
    # commune's events the team joins), and how many initiated DSL actions followed a needs
    # study (ateliers, sorties and séjours always do).
    actions: dict[str, int]
    presence_minutes: int

    @property
    def youth_count(self) -> int:
        return sum(len(group.ages) for group in self.youth_groups)


D = datetime.date

# Each story is the youth's situation history; the last change dated on or
# before the period's end is the situation the report shows.
SITUATION_STORIES: dict[str, tuple[tuple[str, datetime.date], ...]] = {
    "scolarise": (("scolarise", D(2022, 9, 1)),),
    "scolarise-puis-rupture": (("scolarise", D(2022, 9, 1)), ("rupture", D(2023, 10, 16))),
    "rupture": (("rupture", D(2023, 2, 1)),),
    "rupture-puis-formation": (("rupture", D(2023, 6, 30)), ("formation", D(2023, 11, 6))),
    "formation": (("formation", D(2023, 9, 11)),),
    "rupture-puis-emploi": (("rupture", D(2022, 7, 1)), ("emploi", D(2023, 9, 18))),
}

# Seed: 68 youths, 40 H and 28 F, average age 13 for both (H 532/40, F 371/28).
MONTIGNY = CommuneTargets(
    commune="Montigny-en-Gohelle",
    youth_groups=(
        YouthGroup(
            "H",
            "scolarise",
            (8, 9, 9, 10, 10, 11, 11, 11, 11, 16, 16, 17) + (12,) * 9 + (13,) * 7 + (14,) * 3 + (15,),
        ),
        YouthGroup("H", "scolarise-puis-rupture", (15,)),
        YouthGroup("H", "rupture", (15, 17, 19)),
        YouthGroup("H", "rupture-puis-formation", (16,)),
        YouthGroup("H", "rupture-puis-emploi", (22,)),
        YouthGroup("H", None, (7, 26)),
        YouthGroup(
            "F",
            "scolarise",
            (10, 10, 11, 11, 16, 16, 17, 17) + (12,) * 5 + (13,) * 5 + (14,) * 3 + (15,) * 2,
        ),
        YouthGroup("F", "formation", (16,)),
        YouthGroup("F", None, (8, 11, 13, 18)),
    ),
    origins={
        "H": {"presence-sociale": 29, "tiers": 6, "partenaire": 4, "demarche-personnelle": 1},
        "F": {"presence-sociale": 18, "tiers": 7, "partenaire": 2, "demarche-personnelle": 1},
    },
    modalities={"paei": 20, "asep": 39, "accroche": 8, None: 1},
    domains={
        "comportement": (73, 37),
        "sante": (53, 33),
        "scolarite": (51, 28),
        "famille": (45, 20),
        "insertion-pro": (41, 11),
        "loisirs": (39, 21),
        "formation": (15, 10),
        "mobilite": (13, 5),
        "justice": (3, 3),
        "administratif": (3, 3),
        "aide-urgence": (1, 1),
    },
    actions={
        "atelier": 32,
        "sortie": 32,
        "sejour": 1,
        "dsl_initiated": 5,
        "dsl_associated": 27,
        "dsl_after_needs_study": 1,
    },
    presence_minutes=246 * 60,
)

# Free figures: a smaller commune where the team started with the same methods.
HENIN_BEAUMONT = CommuneTargets(
    commune="Hénin-Beaumont",
    youth_groups=(
        YouthGroup("H", "scolarise", (9, 10, 11, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 16)),
        YouthGroup("H", "rupture", (16, 17, 18)),
        YouthGroup("H", "rupture-puis-formation", (17,)),
        YouthGroup("H", "formation", (19,)),
        YouthGroup("H", "rupture-puis-emploi", (21,)),
        YouthGroup("H", None, (12, 15)),
        YouthGroup("F", "scolarise", (8, 10, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 17)),
        YouthGroup("F", "formation", (18,)),
        YouthGroup("F", "scolarise-puis-rupture", (16,)),
        YouthGroup("F", "rupture", (17,)),
        YouthGroup("F", None, (11, 13)),
    ),
    origins={
        "H": {"presence-sociale": 14, "tiers": 4, "partenaire": 3, "demarche-personnelle": 1},
        "F": {"presence-sociale": 10, "tiers": 5, "partenaire": 2, "demarche-personnelle": 1},
    },
    modalities={"paei": 10, "asep": 21, "accroche": 9},
    domains={
        "comportement": (38, 20),
        "sante": (30, 18),
        "scolarite": (26, 14),
        "famille": (22, 11),
        "insertion-pro": (18, 6),
        "loisirs": (24, 13),
        "formation": (9, 6),
        "mobilite": (6, 3),
        "justice": (2, 2),
        "administratif": (4, 3),
        "aide-urgence": (2, 1),
    },
    actions={
        "atelier": 10,
        "sortie": 9,
        "sejour": 0,
        "dsl_initiated": 2,
        "dsl_associated": 6,
        "dsl_after_needs_study": 1,
    },
    presence_minutes=150 * 60,
)

# Free figures: the association's second team, with a commune of its own.
LIEVIN = CommuneTargets(
    commune="Liévin",
    youth_groups=(
        YouthGroup("H", "scolarise", (9, 10, 11, 11, 12, 12, 13, 13, 13, 14, 14, 15, 15, 16, 17)),
        YouthGroup("H", "scolarise-puis-rupture", (16,)),
        YouthGroup("H", "rupture", (17, 18, 19)),
        YouthGroup("H", "rupture-puis-formation", (18,)),
        YouthGroup("H", "formation", (19,)),
        YouthGroup("H", "rupture-puis-emploi", (20, 23)),
        YouthGroup("H", None, (13, 16)),
        YouthGroup("F", "scolarise", (10, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 17)),
        YouthGroup("F", "formation", (17, 18)),
        YouthGroup("F", "rupture-puis-formation", (19,)),
        YouthGroup("F", "rupture", (18,)),
        YouthGroup("F", "rupture-puis-emploi", (21,)),
        YouthGroup("F", None, (12, 14, 15)),
    ),
    origins={
        "H": {"presence-sociale": 15, "tiers": 5, "partenaire": 4, "demarche-personnelle": 1},
        "F": {"presence-sociale": 11, "tiers": 5, "partenaire": 3, "demarche-personnelle": 1},
    },
    modalities={"paei": 11, "asep": 22, "accroche": 10, None: 2},
    domains={
        "comportement": (44, 22),
        "sante": (31, 19),
        "scolarite": (34, 15),
        "famille": (25, 12),
        "insertion-pro": (27, 8),
        "loisirs": (21, 13),
        "formation": (12, 7),
        "mobilite": (8, 4),
        "justice": (2, 2),
        "administratif": (5, 4),
        "aide-urgence": (2, 2),
    },
    actions={
        "atelier": 14,
        "sortie": 11,
        "sejour": 1,
        "dsl_initiated": 3,
        "dsl_associated": 9,
        "dsl_after_needs_study": 1,
    },
    presence_minutes=180 * 60,
)

COMMUNE_TARGETS = (MONTIGNY, HENIN_BEAUMONT, LIEVIN)
