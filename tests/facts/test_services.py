"""The per-youth-per-year facts follow every write of an intervention, in its transaction."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from carnet.activity.models import Intervention
from carnet.activity.services import (
    collective_action_create,
    collective_action_delete,
    collective_action_update,
    intervention_create,
    intervention_delete,
    intervention_update,
    presence_session_create,
    presence_session_delete,
    presence_session_update,
)
from carnet.facts.models import ActionFact, DomainYearFact, InterventionFact, PresenceFact
from carnet.facts.queries import fact_differences
from carnet.facts.services import rebuild_facts
from carnet.referentials.models import ActionType, Domain, PresenceKind
from tests import factories

from .truth import (
    domain_years_from_records,
    facts_from_records,
    stored_domain_years,
    stored_facts,
    stored_previous_years,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def domain(team, code):
    return factories.referential(Domain, team.organisation, code)


def test_a_saved_intervention_adds_one_to_its_youths_year_and_domains(team):
    youth = factories.YouthFactory(team=team)
    for day in (D(2023, 3, 1), D(2023, 9, 1), D(2024, 1, 5)):
        intervention_create(youth=youth, date=day, domains=[domain(team, "sante"), domain(team, "famille")])

    assert stored_facts() == {
        (team.pk, youth.pk, 2023, "sante"): 2,
        (team.pk, youth.pk, 2023, "famille"): 2,
        (team.pk, youth.pk, 2024, "sante"): 1,
        (team.pk, youth.pk, 2024, "famille"): 1,
    }


def test_moving_an_intervention_to_another_year_youth_or_domain_moves_its_fact(team):
    youth, other = factories.YouthFactory(team=team), factories.YouthFactory(team=team)
    kept = intervention_create(youth=youth, date=D(2023, 3, 1), domains=[domain(team, "sante")])
    moved = intervention_create(youth=youth, date=D(2023, 4, 1), domains=[domain(team, "sante")])

    intervention_update(
        intervention=moved,
        version=moved.version,
        youth=other,
        date=D(2024, 2, 1),
        domains=[domain(team, "insertion-pro")],
    )

    assert stored_facts() == {
        (team.pk, youth.pk, 2023, "sante"): 1,
        (team.pk, other.pk, 2024, "insertion-pro"): 1,
    }
    intervention_delete(intervention=kept)
    assert stored_facts() == {(team.pk, other.pk, 2024, "insertion-pro"): 1}


def test_a_refused_intervention_leaves_the_facts_as_they_were(team):
    youth = factories.YouthFactory(team=team)
    intervention_create(youth=youth, date=D(2023, 3, 1), domains=[domain(team, "sante")])
    before = stored_facts()

    with pytest.raises(ValidationError), transaction.atomic():
        intervention_create(youth=youth, date=D(2023, 3, 2), domains=[])

    assert stored_facts() == before


def test_an_intervention_recorded_by_another_team_makes_no_fact(team):
    youth = factories.YouthFactory(team=team)
    factories.InterventionFactory(youth=youth, team=factories.TeamFactory(organisation=team.organisation))

    assert stored_facts() == {}
    assert fact_differences() == []


def test_rebuild_writes_the_facts_the_records_say_whatever_was_stored(team):
    youths = factories.YouthFactory.create_batch(3, team=team)
    for i, youth in enumerate(youths):
        factories.InterventionFactory(youth=youth, date=D(2022 + i, 5, 1), domains=["sante", "scolarite"])
    InterventionFact.objects.filter(youth=youths[0]).delete()
    InterventionFact.objects.filter(youth=youths[1]).update(interventions=9)

    factories.PresenceSessionFactory(team=team)
    # 6 youth facts, 1 presence fact, and the 6 team-year sums of the youth facts.
    assert rebuild_facts() == 13
    assert stored_facts() == facts_from_records()
    assert fact_differences() == []


def test_each_fact_knows_the_previous_year_of_its_youth_and_domain_as_interventions_come_and_go(team):
    youth = factories.YouthFactory(team=team)
    sante = domain(team, "sante")
    first = intervention_create(youth=youth, date=D(2021, 3, 1), domains=[sante])
    intervention_create(youth=youth, date=D(2023, 3, 1), domains=[sante, domain(team, "famille")])
    assert stored_previous_years() == {
        (youth.pk, 2021, "sante"): None,
        (youth.pk, 2023, "sante"): 2021,
        (youth.pk, 2023, "famille"): None,
    }

    # A year filled in between changes the fact of the year after it.
    between = intervention_create(youth=youth, date=D(2022, 3, 1), domains=[sante])
    assert stored_previous_years()[(youth.pk, 2023, "sante")] == 2022
    assert stored_previous_years()[(youth.pk, 2022, "sante")] == 2021

    intervention_delete(intervention=first)
    intervention_update(intervention=between, version=between.version, date=D(2024, 1, 2))
    assert stored_previous_years() == {
        (youth.pk, 2023, "sante"): None,
        (youth.pk, 2024, "sante"): 2023,
        (youth.pk, 2023, "famille"): None,
    }
    assert fact_differences() == []


def test_the_team_year_sums_follow_the_youths_facts_and_their_previous_years(team):
    first, second = factories.YouthFactory.create_batch(2, team=team)
    sante = domain(team, "sante")
    intervention_create(youth=first, date=D(2022, 3, 1), domains=[sante])
    moved = intervention_create(youth=first, date=D(2023, 3, 1), domains=[sante])
    intervention_create(youth=first, date=D(2023, 4, 1), domains=[sante])
    intervention_create(youth=second, date=D(2023, 5, 1), domains=[sante])
    assert stored_domain_years() == {
        (team.pk, 2022, "sante", 0): (1, 1),
        (team.pk, 2023, "sante", 2022): (1, 2),
        (team.pk, 2023, "sante", 0): (1, 1),
    }

    # Moving an intervention of 2022 away empties that year's sums, and changes 2023's.
    first_of_2022 = Intervention.objects.get(youth=first, date=D(2022, 3, 1))
    intervention_update(intervention=first_of_2022, version=first_of_2022.version, date=D(2025, 1, 1))
    intervention_delete(intervention=moved)
    assert stored_domain_years() == {
        (team.pk, 2023, "sante", 0): (2, 2),
        (team.pk, 2025, "sante", 2023): (1, 1),
    }
    assert fact_differences() == []


def test_a_save_mends_team_year_sums_found_out_of_step_instead_of_failing(team):
    youth, other = factories.YouthFactory.create_batch(2, team=team)
    sante = domain(team, "sante")
    intervention_create(youth=youth, date=D(2023, 3, 1), domains=[sante])
    DomainYearFact.objects.all().delete()  # by hand, say

    intervention_create(youth=youth, date=D(2023, 4, 1), domains=[sante])
    assert stored_domain_years() == domain_years_from_records() == {(team.pk, 2023, "sante", 0): (1, 2)}

    DomainYearFact.objects.update(interventions=0)
    intervention_delete(intervention=Intervention.objects.filter(youth=youth).first())
    assert stored_domain_years() == domain_years_from_records() == {(team.pk, 2023, "sante", 0): (1, 1)}

    intervention_create(youth=other, date=D(2023, 5, 1), domains=[sante])
    assert stored_domain_years() == {(team.pk, 2023, "sante", 0): (2, 2)}
    assert fact_differences() == []


def test_sessions_and_actions_are_summed_per_team_year_and_type_as_they_are_saved_moved_and_deleted(team):
    rue = factories.referential(PresenceKind, team.organisation, "rue")
    atelier = factories.referential(ActionType, team.organisation, "atelier")
    session = presence_session_create(
        team=team, date=D(2023, 5, 1), duration_minutes=90, kind=rue, youths_met=3
    )
    presence_session_create(team=team, date=D(2023, 6, 1), duration_minutes=30, kind=rue, youths_met=1)
    action = collective_action_create(
        team=team, action_type=atelier, title="Foot", start_date=D(2023, 12, 30), end_date=D(2024, 1, 2)
    )
    assert sessions_facts() == {(2023, "rue"): (2, 120, 4)}
    assert actions_facts() == {(2023, "atelier"): (1, 3)}

    presence_session_update(session=session, version=session.version, date=D(2024, 1, 10))
    collective_action_update(action=action, version=action.version, start_date=D(2024, 1, 1))
    assert sessions_facts() == {(2023, "rue"): (1, 30, 1), (2024, "rue"): (1, 90, 3)}
    assert actions_facts() == {(2024, "atelier"): (1, 1)}

    presence_session_delete(session=session)
    collective_action_delete(action=action)
    assert sessions_facts() == {(2023, "rue"): (1, 30, 1)}
    assert actions_facts() == {}
    assert fact_differences() == []


def sessions_facts():
    return {
        (fact.year, fact.kind.code): (fact.sessions, fact.minutes, fact.youths_met)
        for fact in PresenceFact.objects.select_related("kind")
    }


def actions_facts():
    return {
        (fact.year, fact.action_type.code): (fact.actions, fact.span)
        for fact in ActionFact.objects.select_related("action_type")
    }
