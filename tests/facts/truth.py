"""The facts the records say, computed the plain way (one intervention at a time, in Python),
to compare with what carnet.facts stored."""

from collections import Counter

from carnet.activity.models import CollectiveAction, Intervention
from carnet.facts.models import ActionLineFact, DomainYearFact, InterventionFact


def facts_from_records() -> dict[tuple[int, int, int, str], int]:
    """(team, youth, year, domain code) → interventions, for interventions made by the youth's team."""
    counted: Counter = Counter()
    for intervention in Intervention.objects.select_related("youth").prefetch_related("domains"):
        if intervention.team_id != intervention.youth.team_id:
            continue
        for domain in intervention.domains.all():
            counted[(intervention.team_id, intervention.youth_id, intervention.date.year, domain.code)] += 1
    return dict(counted)


def previous_years_from_records() -> dict[tuple[int, int, str], int | None]:
    """(youth, year, domain code) → the latest earlier year in which the same youth has an
    intervention of the same domain counted in a fact (None: none), from the records."""
    years: dict[tuple[int, str], set[int]] = {}
    for _team, youth, year, domain in facts_from_records():
        years.setdefault((youth, domain), set()).add(year)
    return {
        (youth, year, domain): max((earlier for earlier in found if earlier < year), default=None)
        for (youth, domain), found in years.items()
        for year in found
    }


def stored_previous_years() -> dict[tuple[int, int, str], int | None]:
    return {
        (fact.youth_id, fact.year, fact.domain.code): fact.previous_year
        for fact in InterventionFact.objects.select_related("domain")
    }


def domain_years_from_records() -> dict[tuple[int, int, str, int], tuple[int, int]]:
    """(team, year, domain code, previous year or 0) → (youths, interventions): the intervention
    facts of the records summed by team and year, with the previous year of each."""
    previous = previous_years_from_records()
    sums: dict[tuple, tuple[int, int]] = {}
    for (team, youth, year, domain), interventions in facts_from_records().items():
        key = (team, year, domain, previous[(youth, year, domain)] or 0)
        youths, counted = sums.get(key, (0, 0))
        sums[key] = (youths + 1, counted + interventions)
    return sums


def stored_domain_years() -> dict[tuple[int, int, str, int], tuple[int, int]]:
    return {
        (fact.team_id, fact.year, fact.domain.code, fact.previous_year): (fact.youths, fact.interventions)
        for fact in DomainYearFact.objects.select_related("domain")
    }


def stored_facts() -> dict[tuple[int, int, int, str], int]:
    return {
        (fact.team_id, fact.youth_id, fact.year, fact.domain.code): fact.interventions
        for fact in InterventionFact.objects.select_related("domain")
    }


def action_lines_from_records() -> dict[tuple, tuple]:
    """(team, year, title, type code, role) → (first action, actions, first date, last date,
    summed spans, participants), one collective action at a time: its known participants
    plus its anonymous head counts."""
    lines: dict[tuple, list] = {}
    for action in CollectiveAction.objects.select_related("action_type").prefetch_related("participants"):
        key = (action.team_id, action.start_date.year, action.title, action.action_type.code, action.role)
        people = (
            len(action.participants.all())
            + action.anonymous_male
            + action.anonymous_female
            + action.anonymous_non_binary
        )
        span = (action.end_date - action.start_date).days
        line = lines.setdefault(key, [action.pk, 0, action.start_date, action.end_date, 0, 0])
        line[0] = min(line[0], action.pk)
        line[1] += 1
        line[2] = min(line[2], action.start_date)
        line[3] = max(line[3], action.end_date)
        line[4] += span
        line[5] += people
    return {key: tuple(line) for key, line in lines.items()}


def stored_action_lines() -> dict[tuple, tuple]:
    return {
        (fact.team_id, fact.year, fact.title, fact.action_type.code, fact.role): (
            fact.first_action,
            fact.actions,
            fact.first_date,
            fact.last_date,
            fact.span,
            fact.participants,
        )
        for fact in ActionLineFact.objects.select_related("action_type")
    }
