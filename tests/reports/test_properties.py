"""Properties of the report on generated records: what must hold whatever the data."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carnet.referentials import defaults
from carnet.referentials.models import Modality, Origin, Situation
from carnet.reports.build import build_report
from carnet.reports.rules import keys, youths_in_report
from carnet.reports.scope import ReportScope
from tests import factories

from .conftest import END, START, ref

pytestmark = pytest.mark.django_db

D = datetime.date
RANK = {code: rank for code, _label, rank in defaults.MODALITIES}
dates = st.dates(D(2022, 6, 1), D(2024, 6, 30))

periods = st.lists(
    st.tuples(st.sampled_from(sorted(RANK)), st.integers(1, 240), st.integers(1, 90)), max_size=3
)
youth_specs = st.fixed_dictionaries(
    {
        "sex": st.sampled_from(["H", "F", "NB", ""]),
        "birth": st.one_of(st.none(), st.integers(1990, 2021), st.dates(D(1990, 1, 1), D(2021, 12, 31))),
        "origin": st.sampled_from([None, *(code for code, _label in defaults.ORIGINS)]),
        "first_contact": st.one_of(st.none(), dates),
        "situations": st.lists(
            st.tuples(st.sampled_from([code for code, _label in defaults.SITUATIONS]), dates),
            max_size=2,
            unique_by=lambda change: change[1],
        ),
        "periods": periods,
        "open_ended": st.booleans(),
        "periods_from": st.dates(D(2022, 6, 1), D(2023, 12, 31)),
        "interventions": st.lists(
            st.tuples(dates, st.sets(st.sampled_from([code for code, _ in defaults.DOMAINS]), max_size=3)),
            max_size=3,
        ),
    }
)
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def period_dates(spec):
    """Consecutive, non-overlapping periods built from the spec; the last may be open."""
    cursor, made = spec["periods_from"], []
    for index, (code, length, gap) in enumerate(spec["periods"]):
        end = cursor + datetime.timedelta(days=length - 1)
        if spec["open_ended"] and index == len(spec["periods"]) - 1:
            end = None
        made.append((code, cursor, end))
        cursor = (end or cursor) + datetime.timedelta(days=gap)
    return made


def create(organisation, specs):
    team = factories.TeamFactory(organisation=organisation)
    commune = factories.CommuneFactory(team=team)
    expected = {}
    for spec in specs:
        birth = spec["birth"]
        youth = factories.YouthFactory(
            commune=commune,
            sex=spec["sex"],
            birth_date=birth if isinstance(birth, datetime.date) else None,
            birth_year=birth.year if isinstance(birth, datetime.date) else birth,
            origin=ref(Origin, team, spec["origin"]) if spec["origin"] else None,
            first_contact_date=spec["first_contact"],
        )
        overlapping = []
        for code, start, end in period_dates(spec):
            modality = ref(Modality, team, code)
            factories.AccompanimentPeriodFactory(youth=youth, modality=modality, start=start, end=end)
            if start <= END and (end is None or end >= START):
                overlapping.append(code)
        for code, since in spec["situations"]:
            factories.SituationChangeFactory(youth=youth, situation=ref(Situation, team, code), since=since)
        for day, domains in spec["interventions"]:
            factories.InterventionFactory(youth=youth, date=day, domains=sorted(domains))
        known = sorted((since, code) for code, since in spec["situations"] if since <= END)
        in_report = (
            bool(overlapping)
            or (spec["first_contact"] is not None and START <= spec["first_contact"] <= END)
            or any(START <= day <= END for day, _domains in spec["interventions"])
        )
        if in_report:
            expected[youth.pk] = {
                "modality_key": max(overlapping, key=RANK.get) if overlapping else keys.NOT_RECORDED,
                "situation_key": known[-1][1] if known else keys.NOT_RECORDED,
            }
    return ReportScope(team=team, start=START, end=END), expected


@HYPOTHESIS
@given(specs=st.lists(youth_specs, max_size=6))
def test_youths_modality_and_situation_match_the_rules_written_in_python(organisation, specs):
    scope, expected = create(organisation, specs)
    found = {
        youth.pk: {"modality_key": youth.modality_key, "situation_key": youth.situation_key}
        for youth in youths_in_report(scope=scope)
    }
    assert found == expected


@HYPOTHESIS
@given(specs=st.lists(youth_specs, max_size=6))
def test_each_youth_is_counted_once_in_every_youth_table(organisation, specs):
    scope, expected = create(organisation, specs)
    report = build_report(scope=scope)
    assert report.youths == len(expected)
    for key in keys.YOUTH_TABLES:
        table = report.table(key)
        assert sum(row.value(keys.YOUTHS) for row in table.rows) == len(expected), key
        assert table.total.value(keys.YOUTHS) == len(expected), key
        if key in (keys.AGE, keys.ORIGIN, keys.SITUATION):
            for row in table.all_rows:
                by_sex = sum(row.value(sex) for sex in ("H", "F", "NB", keys.NOT_RECORDED))
                assert by_sex == row.value(keys.YOUTHS), (key, row.key)


@HYPOTHESIS
@given(specs=st.lists(youth_specs, max_size=6))
def test_domain_total_is_never_below_its_youths(organisation, specs):
    scope, expected = create(organisation, specs)
    for row in build_report(scope=scope).table(keys.DOMAINS).rows:
        assert row.value(keys.INTERVENTIONS) >= row.value(keys.YOUTHS)
        assert row.value(keys.YOUTHS) <= len(expected)


@HYPOTHESIS
@given(specs=st.lists(youth_specs, min_size=1, max_size=6))
def test_percentages_of_a_table_add_up_to_100_give_or_take_one_per_row(organisation, specs):
    scope, _expected = create(organisation, specs)
    for table in build_report(scope=scope).tables:
        if keys.PERCENT not in [column.key for column in table.columns]:
            continue
        shares = [row.value(keys.PERCENT) for row in table.rows if row.value(keys.PERCENT) is not None]
        if table.percent_of:
            assert abs(sum(shares) - 100) <= len(shares), table.key
        else:
            assert set(shares) == {0}, table.key


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    births=st.lists(
        st.one_of(st.none(), st.integers(1990, 2022), st.dates(D(1990, 1, 1), D(2022, 12, 31))), max_size=5
    ),
    end=st.dates(D(2023, 1, 1), D(2024, 12, 31)),
)
def test_age_in_the_database_is_the_age_of_the_youth_model(organisation, births, end):
    team = factories.TeamFactory(organisation=organisation)
    youths = [
        factories.YouthFactory(
            commune=factories.CommuneFactory(team=team),
            birth_date=birth if isinstance(birth, datetime.date) else None,
            birth_year=birth.year if isinstance(birth, datetime.date) else birth,
            first_contact_date=end,
        )
        for birth in births
    ]
    scope = ReportScope(team=team, start=end, end=end)
    assert {y.pk: y.age for y in youths_in_report(scope=scope)} == {y.pk: y.age_on(end) for y in youths}
