"""Interventions with youths, tagged with the domains of work.

For each domain the targets give the number of interventions tagged with it and
the number of distinct youths; the builder picks that many youths, shares the
tags out among them, then packs each youth's tags into interventions of one to
three domains, dated inside the youth's accompaniment.
"""

import datetime
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from carnet.access.models import User
from carnet.activity.models import Intervention, InterventionKind
from carnet.organisations.models import Partner
from carnet.referentials.models import Domain

from . import texts
from .schedule import random_day
from .structure import CommuneContext, DemoWorld
from .targets import PERIOD_END, PERIOD_START, CommuneTargets
from .youths import DemoYouth

# Who a domain plausibly concerns; other domains concern anyone accompanied.
ELIGIBLE: dict[str, Callable[[DemoYouth], bool]] = {
    "scolarite": lambda y: y.age <= 17 and y.situation_story in ("scolarise", "scolarise-puis-rupture"),
    "insertion-pro": lambda y: y.age >= 16,
    "formation": lambda y: y.age >= 15,
    "mobilite": lambda y: y.age >= 16,
    "administratif": lambda y: y.age >= 16,
    "aide-urgence": lambda y: y.age >= 18,
    "justice": lambda y: y.age >= 14,
}
# A youth in a PAEI is worked with far more often than one still en accroche.
WEIGHT = {"paei": 4.0, "asep": 1.5, "accroche": 0.4}
DOMAINS_PER_INTERVENTION = (1, 1, 2, 2, 2, 3)


@dataclass
class PlannedIntervention:
    intervention: Intervention
    domains: list[str]
    educators: list[User]
    partners: list[Partner]


def build_interventions(
    *,
    rng: random.Random,
    world: DemoWorld,
    context: CommuneContext,
    targets: CommuneTargets,
    youths: list[DemoYouth],
) -> list[Intervention]:
    tags = plan_domain_tags(rng=rng, targets=targets, youths=youths)
    planned = [
        _plan_intervention(rng=rng, world=world, context=context, youth=youth, codes=codes)
        for youth in youths
        if youth in tags
        for codes in pack_tags(rng=rng, tags=tags[youth])
    ]
    planned.sort(key=lambda p: (p.intervention.date, p.intervention.youth.pk))
    created = Intervention.objects.bulk_create(p.intervention for p in planned)

    domains = Intervention.domains.through
    educators = Intervention.educators.through
    partners = Intervention.partners.through
    domains.objects.bulk_create(
        domains(intervention_id=p.intervention.pk, domain_id=world.ref(Domain, code).pk)
        for p in planned
        for code in p.domains
    )
    educators.objects.bulk_create(
        educators(intervention_id=p.intervention.pk, user_id=user.pk) for p in planned for user in p.educators
    )
    partners.objects.bulk_create(
        partners(intervention_id=p.intervention.pk, partner_id=partner.pk)
        for p in planned
        for partner in p.partners
    )
    return created


def plan_domain_tags(
    *, rng: random.Random, targets: CommuneTargets, youths: list[DemoYouth]
) -> dict[DemoYouth, Counter]:
    """For each youth, how many interventions of each domain they get."""
    tags: dict[DemoYouth, Counter] = {}
    for code, (total, distinct) in targets.domains.items():
        eligible = [y for y in youths if y.periods and ELIGIBLE.get(code, lambda y: True)(y)]
        if len(eligible) < distinct:
            raise ValueError(
                f"{targets.commune}: {distinct} youths needed for {code}, {len(eligible)} eligible"
            )
        # Weighted draw without replacement (Efraimidis-Spirakis keys).
        chosen = sorted(eligible, key=lambda y: rng.random() ** (1 / WEIGHT[y.modality]), reverse=True)
        chosen = chosen[:distinct]
        counts = Counter({youth: 1 for youth in chosen})
        for youth in rng.choices(chosen, weights=[WEIGHT[y.modality] for y in chosen], k=total - distinct):
            counts[youth] += 1
        for youth, count in counts.items():
            tags.setdefault(youth, Counter())[code] = count
    return tags


def pack_tags(*, rng: random.Random, tags: Counter) -> list[list[str]]:
    """Group a youth's domain tags into interventions of distinct domains, using every tag once."""
    remaining = Counter(tags)
    groups = []
    while remaining:
        available = sorted(remaining, key=lambda code: -remaining[code])
        size = min(len(available), rng.choice(DOMAINS_PER_INTERVENTION))
        # The most frequent domain goes first, so that no domain is left alone at the end.
        codes = [available[0], *rng.sample(available[1:], size - 1)]
        for code in codes:
            remaining[code] -= 1
            if not remaining[code]:
                del remaining[code]
        groups.append(codes)
    return groups


def _plan_intervention(
    *, rng: random.Random, world: DemoWorld, context: CommuneContext, youth: DemoYouth, codes: list[str]
) -> PlannedIntervention:
    """The note, kind and partner are those of the intervention's main domain, listed first."""
    notes = [n for n in texts.INTERVENTION_NOTES[codes[0]] if _at_college(youth) or not n.collegians_only]
    note = rng.choice(notes)
    day = _day_in_accompaniment(rng=rng, youth=youth)
    intervention = Intervention(team=world.team, youth=youth.youth, date=day, kind=note.kind, note=note.text)
    educators = [context.referent]
    if day >= context.binome_start and (note.kind == InterventionKind.ESCORT or rng.random() < 0.25):
        educators.append(context.binome)
    partners = [context.partner(note.partner)] if note.partner else []
    return PlannedIntervention(
        intervention=intervention, domains=codes, educators=educators, partners=partners
    )


def _at_college(youth: DemoYouth) -> bool:
    return 11 <= youth.age <= 15 and youth.situation_story in ("scolarise", "scolarise-puis-rupture")


def _day_in_accompaniment(*, rng: random.Random, youth: DemoYouth) -> datetime.date:
    """A working day inside one of the youth's accompaniment periods, within the report period."""
    spans = [
        (max(start, PERIOD_START), min(end or PERIOD_END, PERIOD_END)) for _, start, end in youth.periods
    ]
    first, last = rng.choices(spans, weights=[(last - first).days + 1 for first, last in spans])[0]
    return random_day(rng, first, last)
