"""R12, R13 — Street presence and partnership meetings: sessions, hours, youths met."""

import datetime
from decimal import Decimal

import pytest

from carnet.referentials.models import MeetingKind, PresenceKind
from carnet.reports.build import build_report
from carnet.reports.rules import keys
from tests.factories import CommuneFactory, PartnershipMeetingFactory, PresenceSessionFactory

from .conftest import END, START, ref

pytestmark = pytest.mark.django_db


def session(team, kind="rue", **fields):
    return PresenceSessionFactory(team=team, kind=ref(PresenceKind, team, kind), **fields)


def test_street_presence_sums_hours_sessions_and_youths_met_per_kind(scope, team):
    session(team, "rue", duration_minutes=120, youths_met=5)
    session(team, "rue", duration_minutes=45, youths_met=2)
    session(team, "college", duration_minutes=60, youths_met=12)
    table = build_report(scope=scope).table(keys.PRESENCE)
    assert [row.label for row in table.rows] == [
        "Travail de rue",
        "Présence au collège",
        "Présence sociale au local",
    ]
    assert table.value("rue", keys.HOURS) == Decimal("2.8")  # 2.75 h
    assert table.value("rue", keys.SESSIONS) == 2
    assert table.value("rue", keys.MET) == 7
    assert table.value("local", keys.HOURS) == Decimal("0.0")
    assert table.total.value(keys.HOURS) == Decimal("3.8")
    assert table.total.value(keys.SESSIONS) == 3
    assert table.total.value(keys.MET) == 19


def test_total_hours_are_rounded_once_from_the_total_minutes(scope, team):
    session(team, "rue", duration_minutes=3)  # 0.05 h
    session(team, "college", duration_minutes=3)
    table = build_report(scope=scope).table(keys.PRESENCE)
    assert table.value("rue", keys.HOURS) == Decimal("0.1")
    assert table.total.value(keys.HOURS) == Decimal("0.1")


def test_sessions_outside_the_period_or_of_another_commune_are_not_counted(commune_scope, team, commune):
    session(team, date=START, commune=commune, duration_minutes=60)
    session(team, date=END, commune=commune, duration_minutes=60)
    session(team, date=START - datetime.timedelta(days=1), commune=commune)
    session(team, date=END + datetime.timedelta(days=1), commune=commune)
    session(team, commune=CommuneFactory(team=team))
    session(team, commune=None)
    table = build_report(scope=commune_scope).table(keys.PRESENCE)
    assert table.total.value(keys.SESSIONS) == 2
    assert table.total.value(keys.HOURS) == Decimal("2.0")


def test_meetings_are_counted_with_their_hours_per_kind(scope, team):
    PartnershipMeetingFactory(team=team, kind=ref(MeetingKind, team, "cls"), duration_minutes=90)
    PartnershipMeetingFactory(team=team, kind=ref(MeetingKind, team, "cls"), duration_minutes=120)
    PartnershipMeetingFactory(team=team, kind=ref(MeetingKind, team, "pedt"), duration_minutes=60)
    PartnershipMeetingFactory(team=team, date=END + datetime.timedelta(days=1))
    table = build_report(scope=scope).table(keys.MEETINGS)
    assert table.value("cls", keys.MEETING_COUNT) == 2
    assert table.value("cls", keys.HOURS) == Decimal("3.5")
    assert table.value("pedt", keys.HOURS) == Decimal("1.0")
    assert table.total.value(keys.MEETING_COUNT) == 3
    assert table.total.value(keys.HOURS) == Decimal("4.5")
    assert table.row("cahc").label == "Réunion thématique CAHC"
