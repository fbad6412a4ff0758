"""The one « last contact » rule, and the youth list, retention and report reading it alike."""

import datetime

import pytest

from carnet.access.visibility import visible
from carnet.privacy.queries import due_for_archive
from carnet.reports.queries import drilldown_rows
from carnet.reports.rules import keys
from carnet.reports.scope import ReportScope
from carnet.youths.contact import last_contact_on
from carnet.youths.models import Youth
from carnet.youths.queries import youth_list
from tests.factories import (
    AccompanimentPeriodFactory,
    CollectiveActionFactory,
    InterventionFactory,
    PresenceSessionFactory,
    UserFactory,
    YouthFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = D(2024, 6, 30)


def last_contact(youth, day=DAY):
    return Youth.objects.annotate(last=last_contact_on(day)).get(pk=youth.pk).last


def test_a_youth_never_met_has_no_last_contact_whatever_the_files_creation_date(commune):
    assert last_contact(YouthFactory(commune=commune, first_contact_date=None)) is None


def test_the_start_and_the_end_of_an_accompaniment_are_contacts_but_not_its_running(commune):
    youth = YouthFactory(commune=commune, first_contact_date=D(2023, 1, 1))
    AccompanimentPeriodFactory(youth=youth, start=D(2023, 2, 1), end=D(2023, 9, 1))
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 1, 15), end=None)
    assert last_contact(youth) == D(2024, 1, 15)
    assert last_contact(youth, D(2023, 12, 31)) == D(2023, 9, 1)


def test_a_collective_action_counts_on_its_last_day_or_on_the_day_while_it_runs(commune):
    youth = YouthFactory(commune=commune, first_contact_date=D(2023, 1, 1))
    stay = CollectiveActionFactory(team=commune.team, start_date=D(2024, 6, 28), end_date=D(2024, 7, 2))
    stay.participants.add(youth)
    assert last_contact(youth) == DAY
    assert last_contact(youth, D(2024, 8, 1)) == D(2024, 7, 2)


def test_events_after_the_day_do_not_count(commune):
    youth = YouthFactory(commune=commune, first_contact_date=D(2024, 7, 10))
    InterventionFactory(youth=youth, date=D(2024, 7, 11))
    PresenceSessionFactory(team=commune.team, date=D(2024, 7, 12)).known_youths.add(youth)
    assert last_contact(youth) is None
    assert last_contact(youth, D(2024, 7, 31)) == D(2024, 7, 12)


def test_the_youth_list_and_the_reports_drilldown_show_the_same_last_contact(commune):
    youth = YouthFactory(commune=commune, first_contact_date=D(2023, 1, 1))
    InterventionFactory(youth=youth, date=D(2024, 3, 4))
    AccompanimentPeriodFactory(youth=youth, start=D(2024, 5, 6), end=None)
    [row] = youth_list(youths=Youth.objects.filter(team=commune.team), today=DAY)
    assert row.last_contact == D(2024, 5, 6)
    scope = ReportScope(team=commune.team, start=D(2024, 1, 1), end=DAY)
    listing = drilldown_rows(
        scope=scope, table=keys.MODALITY, row=keys.TOTAL, column=keys.YOUTHS, reader=visible(UserFactory())
    )
    assert listing.headers[-1] == "Dernier contact"
    assert listing.rows[0][-1][0] == "06/05/2024"


def test_retention_reads_the_same_rule_and_keeps_a_youth_whose_accompaniment_runs(commune):
    day = D(2027, 1, 1)
    left = YouthFactory(commune=commune, first_name="Partie", first_contact_date=D(2023, 1, 1))
    AccompanimentPeriodFactory(youth=left, start=D(2023, 2, 1), end=D(2024, 12, 1))
    followed = YouthFactory(commune=commune, first_name="Suivie", first_contact_date=D(2023, 1, 1))
    AccompanimentPeriodFactory(youth=followed, start=D(2023, 2, 1), end=None)
    recent = YouthFactory(commune=commune, first_name="Récente", first_contact_date=D(2023, 1, 1))
    AccompanimentPeriodFactory(youth=recent, start=D(2023, 2, 1), end=D(2025, 6, 1))
    assert [y.first_name for y in due_for_archive(today=day)] == ["Partie"]
    assert due_for_archive(today=day).get().last_contact == D(2024, 12, 1)
