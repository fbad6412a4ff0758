"""Recording a youth's situation: one change a day."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.referentials.models import Situation
from carnet.youths.services import situation_record
from tests.factories import YouthFactory

from .conftest import ref

pytestmark = pytest.mark.django_db

D = datetime.date


def history(youth) -> list[tuple]:
    return [(c.since, c.situation.code) for c in youth.situation_changes.select_related("situation")]


def test_a_situation_is_recorded_from_its_day(team, youth):
    situation_record(youth=youth, situation=ref(Situation, team, "scolarise"), since=D(2023, 9, 1))
    situation_record(youth=youth, situation=ref(Situation, team, "formation"), since=D(2024, 2, 1))
    assert history(youth) == [(D(2023, 9, 1), "scolarise"), (D(2024, 2, 1), "formation")]


def test_recording_again_the_same_day_replaces_the_first_record(team, youth):
    situation_record(youth=youth, situation=ref(Situation, team, "scolarise"), since=D(2024, 2, 1))
    situation_record(youth=youth, situation=ref(Situation, team, "rupture"), since=D(2024, 2, 1))
    assert history(youth) == [(D(2024, 2, 1), "rupture")]


def test_a_situation_in_the_future_is_refused(team, youth, today):
    with pytest.raises(ValidationError, match="futur"):
        situation_record(
            youth=youth, situation=ref(Situation, team, "emploi"), since=today + datetime.timedelta(days=1)
        )


def test_an_archived_record_cannot_change(team, youth, commune):
    archived = YouthFactory(commune=commune, merged_into=youth)
    with pytest.raises(ValidationError, match="fusionnée"):
        situation_record(youth=archived, situation=ref(Situation, team, "emploi"), since=D(2024, 1, 1))
