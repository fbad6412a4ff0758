"""Every figure of an organisation's report equals a plain-Python reference (tests/reports/reference.py)
computed from the records, on small random organisations: youths met over several years,
open and closed periods overlapping the report's, interventions recorded by another team,
merged duplicates and youths moved to the restricted archive."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carnet.activity.models import ActionRole
from carnet.privacy.services import archive_youth
from carnet.referentials import defaults
from carnet.referentials.models import (
    ActionType,
    Domain,
    MeetingKind,
    Modality,
    Origin,
    PresenceKind,
    Situation,
)
from carnet.reports import rules
from carnet.reports.build import build_report
from carnet.reports.scope import ReportScope
from carnet.youths.services import youth_merge
from tests import factories

from .reference import reference_figures

pytestmark = pytest.mark.django_db

D = datetime.date
days = st.dates(D(2021, 6, 1), D(2025, 6, 30))
codes = {
    Modality: [code for code, _label, _rank in defaults.MODALITIES],
    Situation: [code for code, _label in defaults.SITUATIONS],
    Origin: [code for code, _label in defaults.ORIGINS],
    Domain: [code for code, _label in defaults.DOMAINS],
    ActionType: [code for code, _label, _category in defaults.ACTION_TYPES],
    PresenceKind: [code for code, _label in defaults.PRESENCE_KINDS],
    MeetingKind: [code for code, _label in defaults.MEETING_KINDS],
}
PARTNERS = 3
YOUTHS = 4  # per team

youth_specs = st.fixed_dictionaries(
    {
        "sex": st.sampled_from(["H", "F", "NB", ""]),
        "birth": st.one_of(st.none(), st.integers(1995, 2018), st.dates(D(1995, 1, 1), D(2018, 12, 31))),
        "origin": st.sampled_from([None, *codes[Origin]]),
        "first_contact": st.one_of(st.none(), days),
        "situations": st.lists(
            st.tuples(st.sampled_from(codes[Situation]), days), max_size=2, unique_by=lambda change: change[1]
        ),
        # Consecutive periods: (modality, length in days, gap before the next); the last may stay open.
        "periods": st.lists(
            st.tuples(st.sampled_from(codes[Modality]), st.integers(1, 400), st.integers(1, 120)), max_size=3
        ),
        "open_ended": st.booleans(),
        "periods_from": days,
        # (date, domains, partners, recorded by the other team of the organisation)
        "interventions": st.lists(
            st.tuples(
                days,
                st.sets(st.sampled_from(codes[Domain]), max_size=3),
                st.sets(st.integers(0, PARTNERS - 1), max_size=2),
                st.booleans(),
            ),
            max_size=3,
        ),
        "merged_into_previous": st.booleans(),
        "archived": st.booleans(),
    }
)
action_specs = st.fixed_dictionaries(
    {
        "title": st.sampled_from(["Atelier cuisine", "Sortie vélo"]),
        "type": st.sampled_from(codes[ActionType]),
        "role": st.sampled_from(ActionRole.values),
        "start": days,
        "length": st.integers(0, 3),
        "anonymous": st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 2)),
        "participants": st.sets(st.integers(0, 2 * YOUTHS - 1), max_size=3),
        "partners": st.sets(st.integers(0, PARTNERS - 1), max_size=2),
        "commune_event": st.booleans(),
        "after_needs_study": st.booleans(),
    }
)
session_specs = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(codes[PresenceKind]),
        "date": days,
        "minutes": st.integers(1, 300),
        "met": st.integers(0, 6),
        "named": st.sets(st.integers(0, 2 * YOUTHS - 1), max_size=3),
    }
)
meeting_specs = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(codes[MeetingKind]),
        "date": days,
        "minutes": st.integers(1, 240),
        "partners": st.sets(st.integers(0, PARTNERS - 1), max_size=2),
    }
)
team_specs = st.fixed_dictionaries(
    {
        "youths": st.lists(youth_specs, max_size=YOUTHS),
        "actions": st.lists(action_specs, max_size=3),
        "sessions": st.lists(session_specs, max_size=2),
        "meetings": st.lists(meeting_specs, max_size=2),
    }
)
any_period = st.tuples(st.dates(D(2022, 1, 1), D(2024, 12, 31)), st.integers(0, 800))
# Whole calendar years: the domain table is then summed from the derived facts (carnet.facts).
whole_years = st.tuples(st.integers(2021, 2025), st.integers(0, 2)).map(
    lambda years: (D(years[0], 1, 1), (D(years[0] + years[1], 12, 31) - D(years[0], 1, 1)).days)
)
periods_of_report = st.one_of(any_period, whole_years)


def ref(organisation, model, code):
    return factories.referential(model, organisation, code)


def make_youth(team, commune, spec):
    organisation = team.organisation
    birth = spec["birth"]
    youth = factories.YouthFactory(
        commune=commune,
        sex=spec["sex"],
        birth_date=birth if isinstance(birth, datetime.date) else None,
        birth_year=birth.year if isinstance(birth, datetime.date) else birth,
        origin=ref(organisation, Origin, spec["origin"]) if spec["origin"] else None,
        first_contact_date=spec["first_contact"],
    )
    cursor = spec["periods_from"]
    for index, (code, length, gap) in enumerate(spec["periods"]):
        end = cursor + datetime.timedelta(days=length - 1)
        last = index == len(spec["periods"]) - 1
        factories.AccompanimentPeriodFactory(
            youth=youth,
            modality=ref(organisation, Modality, code),
            start=cursor,
            end=None if last and spec["open_ended"] else end,
        )
        cursor = end + datetime.timedelta(days=gap)
    for code, since in spec["situations"]:
        factories.SituationChangeFactory(
            youth=youth, situation=ref(organisation, Situation, code), since=since
        )
    return youth


def create(organisation, specs, partners, user):
    """The organisation's two teams and their records; the youths of both teams, in order."""
    teams = [factories.TeamFactory(organisation=organisation) for _spec in specs]
    youths_of = []
    for index, (team, spec) in enumerate(zip(teams, specs, strict=True)):
        commune = factories.CommuneFactory(team=team)
        other_team = teams[1 - index]
        made = []
        for youth_spec in spec["youths"]:
            # A duplicate to merge has no period of its own: merging refuses overlapping periods.
            duplicate = youth_spec["merged_into_previous"] and made
            if duplicate:
                youth_spec = {**youth_spec, "periods": []}
            youth = make_youth(team, commune, youth_spec)
            for day, domains, linked, by_other_team in youth_spec["interventions"]:
                intervention = factories.InterventionFactory(
                    youth=youth, team=other_team if by_other_team else team, date=day, domains=sorted(domains)
                )
                intervention.partners.set([partners[i] for i in linked])
            made.append((youth, youth_spec, duplicate))
        youths_of.append(made)
    everyone = [youth for made in youths_of for youth, _spec, _duplicate in made]
    for team, spec in zip(teams, specs, strict=True):
        for action in spec["actions"]:
            record = factories.CollectiveActionFactory(
                team=team,
                title=action["title"],
                action_type=ref(organisation, ActionType, action["type"]),
                role=action["role"],
                start_date=action["start"],
                end_date=action["start"] + datetime.timedelta(days=action["length"]),
                anonymous_male=action["anonymous"][0],
                anonymous_female=action["anonymous"][1],
                anonymous_non_binary=action["anonymous"][2],
                # An event a commune initiated is one the team joins (a constraint of the model).
                commune_event=action["commune_event"] and action["role"] == ActionRole.ASSOCIATED,
                after_needs_study=action["after_needs_study"],
            )
            record.participants.set([everyone[i] for i in action["participants"] if i < len(everyone)])
            record.partners.set([partners[i] for i in action["partners"]])
        for session in spec["sessions"]:
            record = factories.PresenceSessionFactory(
                team=team,
                kind=ref(organisation, PresenceKind, session["kind"]),
                date=session["date"],
                duration_minutes=session["minutes"],
                youths_met=session["met"],
            )
            record.known_youths.set([everyone[i] for i in session["named"] if i < len(everyone)])
        for meeting in spec["meetings"]:
            record = factories.PartnershipMeetingFactory(
                team=team,
                kind=ref(organisation, MeetingKind, meeting["kind"]),
                date=meeting["date"],
                duration_minutes=meeting["minutes"],
            )
            record.partners.set([partners[i] for i in meeting["partners"]])
    # Merges and archives last, through their services, once every record is in place.
    now = timezone.now()
    for made in youths_of:
        kept = None
        for youth, spec, duplicate in made:
            if duplicate and kept is not None:
                youth_merge(kept=kept, merged=youth, user=user)
                continue
            kept = youth
            if spec["archived"]:
                archive_youth(youth=youth, now=now, today=now.date())


def carnet_figures(scope: ReportScope) -> dict:
    """The same figures from the counting rules, in the reference's shapes."""
    groups = rules.youth_groups(scope=scope)
    report = build_report(scope=scope)
    return {
        "youths": report.youths,
        "modality": {
            k: n for k, n in rules.count_youths_by_modality(scope=scope, groups=groups).items() if n
        },
        "age": {k: n for k, n in rules.count_youths_by_age_and_sex(scope=scope, groups=groups).items() if n},
        "origin": {
            k: n for k, n in rules.count_youths_by_origin_and_sex(scope=scope, groups=groups).items() if n
        },
        "situation": {
            k: n for k, n in rules.count_youths_by_situation_and_sex(scope=scope, groups=groups).items() if n
        },
        "sex": {k: tuple(f) for k, f in rules.count_youths_by_sex(scope=scope, groups=groups).items()},
        "domains": {k: tuple(f) for k, f in rules.count_interventions_by_domain(scope=scope).items()},
        "action_types": {k: tuple(f) for k, f in rules.count_actions_by_type(scope=scope).items()},
        "action_categories": {k: tuple(f) for k, f in rules.count_actions_by_category(scope=scope).items()},
        "dsl": rules.count_local_development_actions_by_role(scope=scope),
        "general_action": tuple(rules.count_general_action(scope=scope)),
        "presence": {k: tuple(f) for k, f in rules.count_presence_by_kind(scope=scope).items()},
        "meetings": {k: tuple(f) for k, f in rules.count_meetings_by_kind(scope=scope).items()},
        "partners": list(report.partners),
        "actions": [
            (
                line.first_date,
                line.title,
                line.first_id,
                line.action_type,
                _role_code(line.role),
                line.actions,
                line.last_date,
                line.days,
                line.participants,
            )
            for line in rules.collective_actions_list(scope=scope)
        ],
        "gaps": sorted(gap.youth_id for gap in report.data_gaps),
    }


def _role_code(label: str) -> str:
    return next(code for code, text in ActionRole.choices if str(text) == label)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.tuples(team_specs, team_specs), period=periods_of_report)
def test_every_figure_of_an_organisation_report_equals_the_plain_python_reference(
    organisation, specs, period
):
    partners = [factories.PartnerFactory(organisation=organisation) for _ in range(PARTNERS)]
    user = factories.UserFactory()
    create(organisation, specs, partners, user)
    start, length = period
    end = start + datetime.timedelta(days=length)
    scope = ReportScope(organisation=organisation, start=start, end=end)
    assert carnet_figures(scope) == reference_figures(organisation=organisation, start=start, end=end)
