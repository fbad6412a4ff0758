"""The demo records give the seed report's figures for Montigny-en-Gohelle.

The counting rules are written here as plain ORM queries, independent of the
report engine, so that the data set is known to be right on its own.
"""

import datetime
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Q, Sum

from carnet.activity.models import (
    ActionRole,
    CollectiveAction,
    Intervention,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)
from carnet.organisations.models import Commune, Quartier
from carnet.referentials.models import AgeBracket, Domain, Modality, Origin, Situation
from carnet.youths.models import AccompanimentPeriod, SituationChange, Youth

pytestmark = pytest.mark.django_db

EXPECTED = json.loads((Path(__file__).parents[1] / "fixtures" / "expected-tables.json").read_text())
START = datetime.date.fromisoformat(EXPECTED["period"]["start"])
END = datetime.date.fromisoformat(EXPECTED["period"]["end"])
SEXES = ("H", "F", "NB")


def percent(part: int, whole: int) -> int:
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def overlapping_periods():
    return AccompanimentPeriod.objects.filter(start__lte=END).filter(Q(end__isnull=True) | Q(end__gte=START))


def youths_in_contact(commune: Commune):
    """R1: youths of the commune with at least one contact in the period."""
    participations = CollectiveAction.participants.through.objects.filter(
        collectiveaction__start_date__range=(START, END)
    )
    namings = PresenceSession.known_youths.through.objects.filter(presencesession__date__range=(START, END))
    contact = (
        Q(first_contact_date__range=(START, END))
        | Q(pk__in=overlapping_periods().values("youth"))
        | Q(pk__in=Intervention.objects.filter(date__range=(START, END)).values("youth"))
        | Q(pk__in=participations.values("youth"))
        | Q(pk__in=namings.values("youth"))
    )
    return Youth.objects.filter(team=commune.team, commune=commune).filter(contact)


def rows_by_sex(label_of_youth: dict[int, str | None], youths) -> dict[str | None, list[int]]:
    """label -> [total, H, F, NB]"""
    rows: dict[str | None, list[int]] = {}
    for youth in youths:
        row = rows.setdefault(label_of_youth[youth.pk], [0, 0, 0, 0])
        row[0] += 1
        row[1 + SEXES.index(youth.sex)] += 1
    return rows


def with_percent(rows: dict, whole: int) -> dict:
    return {label: [*row, percent(row[0], whole)] for label, row in rows.items() if label is not None}


def expected_rows(table: str) -> dict:
    return {row[0]: row[1:] for row in EXPECTED[table]["rows"]}


@pytest.fixture
def montigny():
    call_command("load_demo", stdout=StringIO())
    return Commune.objects.get(name="Montigny-en-Gohelle")


@pytest.fixture
def youths(montigny):
    return list(youths_in_contact(montigny))


def test_montigny_counts_68_youths_in_contact_40_boys_and_28_girls(youths):
    sexes = Counter(youth.sex for youth in youths)
    assert len(youths) == 68
    expected = {row[0]: row[1] for row in EXPECTED["sex"]["rows"]}
    assert sexes == Counter({"H": expected["Homme"], "F": expected["Femme"]})


def test_each_youth_counts_at_the_highest_modality_reached_in_the_period(youths):
    ranks = {m.rank: m.label for m in Modality.objects.filter(organisation=youths[0].team.organisation)}
    highest = {}
    for youth in youths:
        rank = max((p.modality.rank for p in overlapping_periods().filter(youth=youth)), default=None)
        highest[youth.pk] = ranks.get(rank)
    counts = Counter(highest.values())
    assert {label: count for label, count in counts.items() if label} == {
        label: row[0] for label, row in expected_rows("modalities").items()
    }
    assert counts[None] == 1  # shown as "Non renseigné"
    assert len(youths) - counts[None] == EXPECTED["modalities"]["total_youths_in_contact"]


def test_ages_on_the_last_day_fall_in_the_seed_brackets(youths):
    brackets = list(AgeBracket.objects.filter(organisation=youths[0].team.organisation))

    def bracket(youth):
        age = youth.age_on(END)
        return next(b.label for b in brackets if b.min_age <= age and (b.max_age is None or age <= b.max_age))

    rows = rows_by_sex({youth.pk: bracket(youth) for youth in youths}, youths)
    assert with_percent(rows, len(youths)) == expected_rows("age_by_sex")


def test_average_age_is_13_for_boys_and_for_girls(youths):
    for label, sex in (("Homme", "H"), ("Femme", "F")):
        ages = [youth.age_on(END) for youth in youths if youth.sex == sex]
        average = int((Decimal(sum(ages)) / len(ages)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        assert [len(ages), average, percent(len(ages), len(youths))] == expected_rows("sex")[label]


def test_some_youths_have_a_birth_date_and_others_only_a_birth_year(youths):
    with_date = sum(youth.birth_date is not None for youth in youths)
    assert 0 < with_date < len(youths)
    assert all(youth.birth_year for youth in youths)


def test_origins_by_sex_are_the_seed_ones(youths):
    labels = dict(Origin.objects.values_list("pk", "label"))
    rows = rows_by_sex({youth.pk: labels[youth.origin_id] for youth in youths}, youths)
    assert with_percent(rows, len(youths)) == expected_rows("origin")


def test_the_situation_known_at_the_period_end_is_the_latest_change(youths):
    labels = dict(Situation.objects.values_list("pk", "label"))
    latest = {youth.pk: None for youth in youths}
    for change in SituationChange.objects.filter(youth__in=youths, since__lte=END).order_by("since"):
        latest[change.youth_id] = labels[change.situation_id]
    rows = rows_by_sex(latest, youths)
    known = sum(row[0] for label, row in rows.items() if label)
    assert with_percent(rows, known) == expected_rows("situation")
    assert rows[None] == [6, 2, 4, 0]


def test_some_situations_changed_during_the_period(youths):
    changed = SituationChange.objects.filter(youth__in=youths, since__range=(START, END))
    assert changed.filter(situation__code="rupture").exists()
    assert changed.filter(situation__code="formation").exists()
    assert not SituationChange.objects.filter(since__gt=END).exists()


def test_domains_count_interventions_and_distinct_youths(montigny, youths):
    interventions = Intervention.objects.filter(youth__in=youths, date__range=(START, END))
    rows = {}
    for domain in Domain.objects.filter(organisation=montigny.team.organisation):
        tagged = interventions.filter(domains=domain)
        rows[domain.label] = [tagged.count(), tagged.values("youth").distinct().count()]
    whole = sum(total for total, _ in rows.values())
    assert with_percent(rows, whole) == expected_rows("domains")


def test_interventions_are_dated_inside_an_accompaniment_of_their_youth(montigny):
    for intervention in Intervention.objects.filter(youth__commune=montigny).select_related("youth"):
        assert intervention.youth.accompaniment_periods.filter(
            Q(end__isnull=True) | Q(end__gte=intervention.date), start__lte=intervention.date
        ).exists()
        assert 0 < len(intervention.note) <= 280


def test_collective_actions_are_the_seed_ones(montigny):
    actions = CollectiveAction.objects.filter(commune=montigny, start_date__range=(START, END))
    by_type = Counter(actions.values_list("action_type__code", flat=True))
    expected = EXPECTED["collective_actions"]
    assert (by_type["atelier"], by_type["sortie"], by_type["sejour"]) == (
        expected["ateliers"],
        expected["sorties"],
        expected["sejours"],
    )
    assert (
        sum(action.days for action in actions.filter(action_type__code="sejour")) == expected["sejour_days"]
    )
    dsl = actions.filter(action_type__code="dsl")
    assert dsl.filter(role=ActionRole.INITIATED).count() == EXPECTED["dsl_actions"]["initiated"]
    assert dsl.filter(role=ActionRole.ASSOCIATED).count() == EXPECTED["dsl_actions"]["associated"]


def test_general_action_counts_commune_events_and_actions_after_a_needs_study(montigny):
    actions = CollectiveAction.objects.filter(commune=montigny, start_date__range=(START, END))
    general = EXPECTED["general_action"]
    assert actions.filter(commune_event=True).count() == general["commune_events_with_youths"]
    assert actions.filter(after_needs_study=True).count() == general["actions_after_needs_study"]


def test_street_presence_adds_up_to_246_hours(montigny):
    sessions = PresenceSession.objects.filter(commune=montigny, date__range=(START, END))
    minutes = sessions.aggregate(total=Sum("duration_minutes"))["total"]
    assert minutes == EXPECTED["street_presence_hours"] * 60
    assert set(sessions.values_list("kind__code", flat=True)) == {"rue", "college", "local"}
    for session in sessions.prefetch_related("known_youths"):
        assert len(session.known_youths.all()) <= session.youths_met


def test_every_quartier_has_one_shared_diagnostic(montigny):
    for quartier in Quartier.objects.filter(commune__team=montigny.team):
        diagnostics = TerritorialDiagnostic.objects.filter(quartier=quartier)
        assert diagnostics.count() == 1
        assert diagnostics.get().partners.exists()


def test_partnership_meetings_are_spread_over_the_period_with_their_commune(montigny):
    meetings = PartnershipMeeting.objects.filter(team=montigny.team)
    assert 20 <= meetings.count() <= 30
    assert not meetings.filter(commune__isnull=True).exists()
    assert set(meetings.values_list("kind__code", flat=True)) == {
        "cahc",
        "cls",
        "pedt",
        "bailleur",
        "rencontre-partenaire",
        "diagnostic",
    }


def test_henin_beaumont_has_records_of_its_own(montigny):
    henin = Commune.objects.get(team=montigny.team, name="Hénin-Beaumont")
    assert youths_in_contact(henin).count() == 40
    assert Intervention.objects.filter(youth__commune=henin).exists()
    assert CollectiveAction.objects.filter(commune=henin).count() >= 20
    assert (
        PresenceSession.objects.filter(commune=henin).aggregate(total=Sum("duration_minutes"))["total"]
        == 150 * 60
    )
