"""The youth list: search, filters at today, last contact, and a fixed number of queries."""

import datetime

import pytest

from carnet.referentials.models import Modality, Situation
from carnet.youths.models import Youth
from carnet.youths.queries import WITHOUT, LastContact, months_before, youth_list
from tests.factories import (
    AccompanimentPeriodFactory,
    CollectiveActionFactory,
    CommuneFactory,
    InterventionFactory,
    PresenceSessionFactory,
    QuartierFactory,
    SituationChangeFactory,
    YouthFactory,
)

from .conftest import ref

pytestmark = pytest.mark.django_db

D = datetime.date


def names(youths) -> list[str]:
    return [youth.display_name for youth in youths]


def listed(team, today, **filters):
    return youth_list(youths=Youth.objects.filter(team=team), today=today, **filters)


def test_search_finds_a_youth_by_nickname_ignoring_case(team, youth, today):
    YouthFactory(commune=youth.commune, first_name="Karim")
    assert names(listed(team, today, search="nénette".upper())) == ["Inès « Nénette »"]


def test_search_ignores_accents_both_ways(team, commune, today):
    YouthFactory(commune=commune, first_name="Inès")
    YouthFactory(commune=commune, first_name="Ines")
    YouthFactory(commune=commune, first_name="Zoé")
    assert len(listed(team, today, search="ines")) == 2
    assert len(listed(team, today, search="INÈS")) == 2
    assert names(listed(team, today, search="zoe")) == ["Zoé"]


def test_search_finds_by_code_last_name_and_quartier(team, commune, today):
    quartier = QuartierFactory(commune=commune, name="Cité Émile Zola")
    YouthFactory(commune=commune, first_name="", code="J-62")
    YouthFactory(commune=commune, first_name="Sami", last_name="Lefèvre")
    YouthFactory(commune=commune, first_name="Lina", quartier=quartier)
    assert names(listed(team, today, search="j-62")) == ["J-62"]
    assert names(listed(team, today, search="lefevre")) == ["Sami"]
    assert names(listed(team, today, search="emile")) == ["Lina"]


def test_search_needs_every_word(team, commune, today):
    quartier = QuartierFactory(commune=commune, name="Centre")
    YouthFactory(commune=commune, first_name="Lina", quartier=quartier)
    YouthFactory(commune=commune, first_name="Lina")
    assert names(listed(team, today, search="lina centre")) == ["Lina"]


def test_list_shows_only_the_teams_youths_and_not_merged_records(team, youth, today):
    YouthFactory(first_name="Autre équipe")
    YouthFactory(commune=youth.commune, first_name="Doublon", merged_into=youth)
    assert names(listed(team, today)) == ["Inès « Nénette »"]


def test_youths_are_listed_by_name_whatever_field_holds_it(team, commune, today):
    YouthFactory(commune=commune, first_name="", nickname="zaza")
    YouthFactory(commune=commune, first_name="Bilal")
    YouthFactory(commune=commune, first_name="", code="ALPHA")
    assert names(listed(team, today)) == ["ALPHA", "Bilal", "zaza"]


def test_current_modality_is_the_period_running_today(team, youth, today):
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 1, 1), end=D(2023, 12, 31))
    AccompanimentPeriodFactory(
        youth=youth, modality=ref(Modality, team, "paei"), start=D(2024, 1, 1), end=None
    )
    ended = YouthFactory(commune=youth.commune, first_name="Ended")
    AccompanimentPeriodFactory(youth=ended, start=D(2023, 1, 1), end=today - datetime.timedelta(days=1))
    rows = {y.first_name: y for y in listed(team, today)}
    assert rows["Inès"].current_modality == ref(Modality, team, "paei").label
    assert rows["Ended"].current_modality is None


def test_filter_by_current_modality_or_none(team, youth, today):
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 1, 1))
    YouthFactory(commune=youth.commune, first_name="Sans")
    asep = ref(Modality, team, "asep")
    assert names(listed(team, today, modality=asep)) == ["Inès « Nénette »"]
    assert names(listed(team, today, modality=ref(Modality, team, "paei"))) == []
    assert names(listed(team, today, modality=WITHOUT)) == ["Sans"]


def test_current_situation_is_the_latest_change_up_to_today(team, youth, today):
    SituationChangeFactory(youth=youth, since=D(2022, 9, 1))
    SituationChangeFactory(youth=youth, since=D(2023, 9, 1), situation=ref(Situation, team, "rupture"))
    SituationChangeFactory(
        youth=youth, since=today + datetime.timedelta(days=5), situation=ref(Situation, team, "emploi")
    )
    [row] = listed(team, today)
    assert row.current_situation == ref(Situation, team, "rupture").label
    assert names(listed(team, today, situation=ref(Situation, team, "rupture"))) == [row.display_name]
    assert names(listed(team, today, situation=ref(Situation, team, "emploi"))) == []
    assert names(listed(team, today, situation=WITHOUT)) == []


def test_last_contact_is_the_latest_of_every_kind_of_contact(team, commune, today):
    first_only = YouthFactory(commune=commune, first_name="A", first_contact_date=D(2023, 1, 1))
    met = YouthFactory(commune=commune, first_name="B", first_contact_date=D(2023, 1, 1))
    InterventionFactory(youth=met, date=D(2023, 3, 1))
    action = CollectiveActionFactory(team=team, start_date=D(2023, 5, 1))
    action.participants.add(met)
    session = PresenceSessionFactory(team=team, date=D(2023, 4, 1))
    session.known_youths.add(met)
    never = YouthFactory(commune=commune, first_name="C", first_contact_date=None)
    rows = {y.pk: y.last_contact for y in listed(team, today)}
    assert rows == {first_only.pk: D(2023, 1, 1), met.pk: D(2023, 5, 1), never.pk: None}


def test_last_contact_ignores_planned_future_actions(team, youth, today):
    action = CollectiveActionFactory(team=team, start_date=today + datetime.timedelta(days=10))
    action.participants.add(youth)
    [row] = listed(team, today)
    assert row.last_contact == youth.first_contact_date


def test_filter_by_last_contact(team, commune, today):
    recent = YouthFactory(commune=commune, first_name="Recent", first_contact_date=D(2020, 1, 1))
    InterventionFactory(youth=recent, date=today - datetime.timedelta(days=3))
    YouthFactory(
        commune=commune, first_name="Quarter", first_contact_date=today - datetime.timedelta(days=60)
    )
    YouthFactory(commune=commune, first_name="Old", first_contact_date=months_before(today, 7))
    YouthFactory(commune=commune, first_name="Never", first_contact_date=None)
    assert names(listed(team, today, last_contact=LastContact.LAST_30_DAYS)) == ["Recent"]
    assert names(listed(team, today, last_contact=LastContact.LAST_3_MONTHS)) == ["Quarter", "Recent"]
    assert names(listed(team, today, last_contact=LastContact.OVER_6_MONTHS)) == ["Never", "Old"]


def test_filter_by_commune(team, commune, today):
    other = CommuneFactory(team=team)
    YouthFactory(commune=commune, first_name="Ici")
    YouthFactory(commune=other, first_name="Là")
    assert names(listed(team, today, commune=other)) == ["Là"]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 3, 31), 1, D(2024, 2, 29)),
        (D(2024, 1, 15), 3, D(2023, 10, 15)),
        (D(2024, 8, 31), 6, D(2024, 2, 29)),
    ],
)
def test_months_before_keeps_the_day_or_the_months_last_day(day, months, expected):
    assert months_before(day, months) == expected


def _populate(team, commune, count: int) -> None:
    for index in range(count):
        youth = YouthFactory(commune=commune, quartier=QuartierFactory(commune=commune))
        AccompanimentPeriodFactory(youth=youth, start=D(2023, 1, 1))
        SituationChangeFactory(youth=youth)
        InterventionFactory(youth=youth, date=D(2020, 1, 1 + index % 28))
        PresenceSessionFactory(team=team).known_youths.add(youth)


def test_list_takes_the_same_number_of_queries_for_3_and_60_youths(
    team, commune, today, django_assert_max_num_queries
):
    def run() -> None:
        rows = listed(team, today, search="jeune", last_contact=LastContact.OVER_6_MONTHS)
        # What a card shows, related rows included.
        shown = [
            (y.display_name, y.commune.name, y.quartier.name, y.current_modality, y.last_contact)
            for y in rows
        ]
        assert shown

    _populate(team, commune, 3)
    with django_assert_max_num_queries(1):
        run()
    _populate(team, commune, 57)
    with django_assert_max_num_queries(1):
        run()
