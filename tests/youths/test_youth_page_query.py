"""A youth's page: what is current, the PAEI goals and the timeline of everything recorded."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carnet.referentials.models import Modality, Situation
from carnet.youths.models import Youth
from carnet.youths.queries import youth_page
from tests.factories import (
    AccompanimentPeriodFactory,
    CollectiveActionFactory,
    InterventionFactory,
    MembershipFactory,
    PaeiGoalFactory,
    PartnerFactory,
    PresenceSessionFactory,
    SituationChangeFactory,
)

from .conftest import ref

pytestmark = pytest.mark.django_db

D = datetime.date


def test_timeline_merges_every_kind_of_record_newest_first(team, youth, today):
    partner = PartnerFactory(organisation=team.organisation, name="Mission locale")
    intervention = InterventionFactory(
        youth=youth, date=D(2023, 9, 5), note="RDV pris", domains=["scolarite"]
    )
    intervention.partners.add(partner)
    action = CollectiveActionFactory(team=team, title="Sortie à la mer", start_date=D(2023, 7, 10))
    action.participants.add(youth)
    session = PresenceSessionFactory(team=team, date=D(2023, 6, 2), place="City stade")
    session.known_youths.add(youth)
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 6, 1), end=D(2023, 8, 31))
    AccompanimentPeriodFactory(youth=youth, modality=ref(Modality, team, "paei"), start=D(2023, 9, 1))
    SituationChangeFactory(youth=youth, since=D(2023, 9, 4), situation=ref(Situation, team, "rupture"))

    timeline = youth_page(youth=youth, today=today).timeline

    assert [(entry.day, entry.kind) for entry in timeline] == [
        (D(2023, 9, 5), "intervention"),
        (D(2023, 9, 4), "situation"),
        (D(2023, 9, 1), "accompaniment"),
        (D(2023, 8, 31), "accompaniment"),
        (D(2023, 7, 10), "action"),
        (D(2023, 6, 2), "presence"),
        (D(2023, 6, 1), "accompaniment"),
    ]
    first = timeline[0]
    assert first.title == "Entretien" and first.note == "RDV pris"
    assert first.details == ("Scolarité", "Partenaires : Mission locale")
    assert timeline[2].label == "Début d'accompagnement" and "PAEI" in timeline[2].title
    assert timeline[3].label == "Fin d'accompagnement"
    assert timeline[4].title == "Sortie à la mer"
    assert timeline[5].details == ("City stade",)


def test_timeline_leaves_out_another_teams_records(team, youth, today):
    other_action = CollectiveActionFactory()
    other_action.participants.add(youth)
    assert youth_page(youth=youth, today=today).timeline == []


def test_page_gives_the_current_period_its_referents_and_goals(team, youth, today):
    educator = MembershipFactory(team=team).user
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 1, 1), end=D(2023, 5, 31))
    current = AccompanimentPeriodFactory(
        youth=youth, modality=ref(Modality, team, "paei"), start=D(2023, 6, 1)
    )
    current.referents.add(educator)
    PaeiGoalFactory(period=current, text="Trouver un stage", position=2)
    PaeiGoalFactory(period=current, text="Passer le code", position=1)
    SituationChangeFactory(youth=youth, since=D(2023, 9, 1))

    page = youth_page(youth=youth, today=today)

    assert page.current_period == current
    assert list(page.current_period.referents.all()) == [educator]
    assert [goal.text for goal in page.goals] == ["Passer le code", "Trouver un stage"]
    assert page.current_situation.since == D(2023, 9, 1)


def test_a_youth_without_records_has_an_empty_page(youth, today):
    page = youth_page(youth=youth, today=today)
    assert page.current_period is None and page.current_situation is None
    assert page.goals == [] and page.timeline == []


def _record_lots(team, youth, first: int, count: int) -> None:
    for index in range(first, first + count):
        intervention = InterventionFactory(youth=youth, date=D(2022, 1, 1) + datetime.timedelta(days=index))
        intervention.partners.add(PartnerFactory(organisation=team.organisation))
        CollectiveActionFactory(team=team).participants.add(youth)
        PresenceSessionFactory(team=team).known_youths.add(youth)
        SituationChangeFactory(youth=youth, since=D(2020, 1, 1) + datetime.timedelta(days=index))
        start = D(2015, 1, 1) + datetime.timedelta(days=10 * index)
        period = AccompanimentPeriodFactory(youth=youth, start=start, end=start + datetime.timedelta(days=5))
        PaeiGoalFactory(period=period)


def test_page_takes_the_same_number_of_queries_whatever_the_records(team, youth, today):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            page = youth_page(youth=Youth.objects.get(pk=youth.pk), today=today)
            assert all(entry.title for entry in page.timeline)
        return len(context.captured_queries)

    _record_lots(team, youth, 0, 1)
    few = queries()
    _record_lots(team, youth, 1, 25)
    assert queries() == few <= 12
