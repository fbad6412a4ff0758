"""The report's figures recomputed in plain Python from the records: a deliberately simple
reference, written from docs/counting-rules.md and not from ``carnet.reports.rules``.

Every record is read whole (no filter, no join, no aggregate in SQL); the rules are loops
and dictionaries over those rows.
"""

import datetime
from collections import defaultdict

from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, PresenceSession
from carnet.organisations.models import Partner, Team
from carnet.referentials.models import (
    ActionType,
    AgeBracket,
    Domain,
    MeetingKind,
    Modality,
    Origin,
    PresenceKind,
    Situation,
)
from carnet.youths.models import AccompanimentPeriod, SituationChange, Youth

NOT_RECORDED = "~non-renseigne"
OUTSIDE_BRACKETS = "~hors-tranches"
SEXES = ("H", "F", "NB")


def _codes(model) -> dict[int, str]:
    return dict(model.objects.values_list("pk", "code"))


def _links(field) -> dict[int, list[int]]:
    """Record id -> ids linked through the many-to-many ``field`` (e.g. ``Intervention.domains``)."""
    through = field.through
    source, target = (f.attname for f in through._meta.get_fields() if f.many_to_one)
    links = defaultdict(list)
    for record, linked in through.objects.values_list(source, target):
        links[record].append(linked)
    return links


def _age(youth: dict, day: datetime.date) -> int | None:
    if youth["birth_date"] is not None:
        birth = youth["birth_date"]
        return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    if youth["birth_year"] is not None:
        return day.year - youth["birth_year"]
    return None


def reference_figures(*, organisation, start: datetime.date, end: datetime.date) -> dict:
    """Every figure of the organisation's report over ``start``..``end``."""
    teams = set(Team.objects.filter(organisation=organisation).values_list("pk", flat=True))

    def in_period(day: datetime.date) -> bool:
        return start <= day <= end

    youths = {
        row["id"]: row
        for row in Youth.objects.values(
            "id",
            "team_id",
            "merged_into_id",
            "sex",
            "birth_date",
            "birth_year",
            "origin_id",
            "first_contact_date",
        )
        if row["team_id"] in teams and row["merged_into_id"] is None
    }
    youth_team = dict(Youth.objects.values_list("pk", "team_id"))

    # R1: contacts made by the youth's own team.
    contact = set()
    periods = defaultdict(list)
    for period in AccompanimentPeriod.objects.values("youth_id", "start", "end", "modality_id"):
        if period["start"] <= end and (period["end"] is None or period["end"] >= start):
            periods[period["youth_id"]].append(period["modality_id"])
            contact.add(period["youth_id"])
    interventions = [
        row
        for row in Intervention.objects.values("id", "team_id", "youth_id", "date")
        if row["team_id"] in teams
        and youth_team[row["youth_id"]] == row["team_id"]
        and in_period(row["date"])
    ]
    contact |= {row["youth_id"] for row in interventions}
    actions = [
        row
        for row in CollectiveAction.objects.values()
        if row["team_id"] in teams and in_period(row["start_date"])
    ]
    participants = _links(CollectiveAction.participants)
    for action in actions:
        contact |= {y for y in participants[action["id"]] if youth_team[y] == action["team_id"]}
    sessions = [
        row for row in PresenceSession.objects.values() if row["team_id"] in teams and in_period(row["date"])
    ]
    named = _links(PresenceSession.known_youths)
    for session in sessions:
        contact |= {y for y in named[session["id"]] if youth_team[y] == session["team_id"]}
    contact |= {
        pk for pk, y in youths.items() if y["first_contact_date"] and in_period(y["first_contact_date"])
    }
    counted = [youths[pk] for pk in sorted(contact) if pk in youths]

    # R2 to R7: one key per table for each youth.
    ranks = dict(Modality.objects.values_list("pk", "rank"))
    modality_codes, origin_codes = _codes(Modality), _codes(Origin)
    situation_codes = _codes(Situation)
    brackets = sorted(
        AgeBracket.objects.filter(organisation=organisation, is_active=True).values(
            "code", "min_age", "max_age", "position"
        ),
        key=lambda b: (b["min_age"], b["position"]),
    )
    changes = defaultdict(list)
    for change in SituationChange.objects.values("youth_id", "since", "situation_id"):
        if change["since"] <= end:
            changes[change["youth_id"]].append((change["since"], change["situation_id"]))
    keyed = {}
    for youth in counted:
        pk = youth["id"]
        modality = max(periods[pk], key=ranks.get) if periods[pk] else None
        age = _age(youth, end)
        if age is None:
            age_key = NOT_RECORDED
        else:
            within = [
                b for b in brackets if b["min_age"] <= age and (b["max_age"] is None or age <= b["max_age"])
            ]
            age_key = within[0]["code"] if within else OUTSIDE_BRACKETS
        keyed[pk] = {
            "modality": modality_codes[modality] if modality else NOT_RECORDED,
            "age": age_key,
            "sex": youth["sex"] if youth["sex"] in SEXES else NOT_RECORDED,
            "origin": origin_codes[youth["origin_id"]] if youth["origin_id"] else NOT_RECORDED,
            "situation": situation_codes[max(changes[pk])[1]] if changes[pk] else NOT_RECORDED,
            "years": age,
        }

    def by_sex(key: str) -> dict:
        counts = defaultdict(int)
        for keys in keyed.values():
            counts[(keys[key], keys["sex"])] += 1
        return dict(counts)

    modality_table = defaultdict(int)
    sex_table = defaultdict(lambda: [0, 0, 0])
    for keys in keyed.values():
        modality_table[keys["modality"]] += 1
        sex_table[keys["sex"]][0] += 1
        if keys["years"] is not None:
            sex_table[keys["sex"]][1] += 1
            sex_table[keys["sex"]][2] += keys["years"]

    # R8: interventions by domain.
    domain_codes, tagged = _codes(Domain), _links(Intervention.domains)
    domains = defaultdict(lambda: [0, set()])
    for intervention in interventions:
        for domain in tagged[intervention["id"]]:
            domains[domain_codes[domain]][0] += 1
            domains[domain_codes[domain]][1].add(intervention["youth_id"])

    # R9, R10, R11: collective actions.
    type_codes = _codes(ActionType)
    categories = dict(ActionType.objects.values_list("pk", "category"))
    labels = dict(ActionType.objects.values_list("pk", "label"))
    needs = _links(CollectiveAction.needs)
    by_type, by_category, by_role = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0]), defaultdict(int)
    lines = defaultdict(list)
    for action in actions:
        days = (action["end_date"] - action["start_date"]).days + 1
        for table, key in (
            (by_type, type_codes[action["action_type_id"]]),
            (by_category, categories[action["action_type_id"]]),
        ):
            table[key][0] += 1
            table[key][1] += days
        if categories[action["action_type_id"]] == "local_development":
            by_role[action["role"]] += 1
        lines[(action["title"], labels[action["action_type_id"]], action["role"])].append(action)
    action_list = sorted(
        (
            min(a["start_date"] for a in group),
            title,
            min(a["id"] for a in group),
            label,
            role,
            len(group),
            max(a["end_date"] for a in group),
            sum((a["end_date"] - a["start_date"]).days + 1 for a in group),
            sum(
                a["anonymous_male"]
                + a["anonymous_female"]
                + a["anonymous_non_binary"]
                + len(participants[a["id"]])
                for a in group
            ),
        )
        for (title, label, role), group in lines.items()
    )

    # R12, R13: presence and meetings.
    presence_codes, meeting_codes = _codes(PresenceKind), _codes(MeetingKind)
    presence = defaultdict(lambda: [0, 0, 0])
    for session in sessions:
        figures = presence[presence_codes[session["kind_id"]]]
        figures[0] += 1
        figures[1] += session["duration_minutes"]
        figures[2] += session["youths_met"]
    meetings = [
        row
        for row in PartnershipMeeting.objects.values()
        if row["team_id"] in teams and in_period(row["date"])
    ]
    meeting_figures = defaultdict(lambda: [0, 0])
    for meeting in meetings:
        meeting_figures[meeting_codes[meeting["kind_id"]]][0] += 1
        meeting_figures[meeting_codes[meeting["kind_id"]]][1] += meeting["duration_minutes"]

    # R14: partners of the report's records.
    partner_ids = set()
    for records, field in (
        (interventions, Intervention.partners),
        (actions, CollectiveAction.partners),
        (meetings, PartnershipMeeting.partners),
    ):
        links = _links(field)
        for record in records:
            partner_ids |= set(links[record["id"]])
    partners = sorted(Partner.objects.filter(pk__in=partner_ids).values_list("name", "pk"))

    return {
        "youths": len(keyed),
        "modality": dict(modality_table),
        "age": by_sex("age"),
        "origin": by_sex("origin"),
        "situation": by_sex("situation"),
        "sex": {sex: tuple(figures) for sex, figures in sex_table.items()},
        "domains": {code: (n, len(seen)) for code, (n, seen) in domains.items()},
        "action_types": {code: tuple(figures) for code, figures in by_type.items()},
        "action_categories": {code: tuple(figures) for code, figures in by_category.items()},
        "dsl": dict(by_role),
        "general_action": (
            sum(a["commune_event"] for a in actions),
            sum(a["after_needs_study"] or bool(needs[a["id"]]) for a in actions),
        ),
        "presence": {code: tuple(figures) for code, figures in presence.items()},
        "meetings": {code: tuple(figures) for code, figures in meeting_figures.items()},
        "partners": [name for name, _pk in partners],
        "actions": action_list,
        "gaps": sorted(pk for pk, keys in keyed.items() if _lacks(keys)),
    }


def _lacks(keys: dict) -> bool:
    return NOT_RECORDED in (keys["modality"], keys["sex"], keys["origin"], keys["situation"]) or (
        keys["years"] is None
    )
