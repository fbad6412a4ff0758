"""The facts the records say, computed the plain way (one intervention at a time, in Python),
to compare with what carnet.facts stored."""

from collections import Counter

from carnet.activity.models import Intervention
from carnet.facts.models import InterventionFact


def facts_from_records() -> dict[tuple[int, int, int, str], int]:
    """(team, youth, year, domain code) → interventions, for interventions made by the youth's team."""
    counted: Counter = Counter()
    for intervention in Intervention.objects.select_related("youth").prefetch_related("domains"):
        if intervention.team_id != intervention.youth.team_id:
            continue
        for domain in intervention.domains.all():
            counted[(intervention.team_id, intervention.youth_id, intervention.date.year, domain.code)] += 1
    return dict(counted)


def stored_facts() -> dict[tuple[int, int, int, str], int]:
    return {
        (fact.team_id, fact.youth_id, fact.year, fact.domain.code): fact.interventions
        for fact in InterventionFact.objects.select_related("domain")
    }
