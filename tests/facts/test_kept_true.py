"""Imports, merges, erasure and retention keep the derived facts equal to the records."""

import datetime

import pytest

from carnet.facts.queries import fact_differences
from carnet.imports.columns import ImportKind
from carnet.imports.review import Decisions
from carnet.imports.services import import_file
from carnet.privacy.services import apply_retention, erase_youth
from carnet.youths.services import youth_merge, youth_merge_undo
from tests import factories
from tests.imports.conftest import csv_bytes
from tests.privacy.conftest import moment

from .truth import (
    domain_years_from_records,
    facts_from_records,
    previous_years_from_records,
    stored_domain_years,
    stored_facts,
    stored_previous_years,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def assert_true_facts():
    assert stored_facts() == facts_from_records()
    assert stored_previous_years() == previous_years_from_records()
    assert stored_domain_years() == domain_years_from_records()
    assert fact_differences() == []


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_import_of_interventions_writes_and_replaces_their_facts(team):
    youth = factories.YouthFactory(team=team, external_id="J1")
    other = factories.YouthFactory(team=team, external_id="J2")
    factories.InterventionFactory(youth=other, date=D(2022, 2, 1), domains=["justice"])
    rows = [
        ["Identifiant du jeune", "Date", "Domaines"],
        ["J1", "15/06/2023", "Scolarité; Santé"],
        ["J1", "16/06/2023", "Famille"],
        ["J2", "03/01/2024", "Famille"],
    ]

    report = import_file(
        team=team, kind=ImportKind.INTERVENTIONS, content=csv_bytes(rows), filename="i.csv", dry_run=False
    )

    assert report.created == 3, report.lines()
    assert stored_facts()[(team.pk, youth.pk, 2023, "famille")] == 1
    assert stored_facts()[(team.pk, other.pk, 2024, "famille")] == 1
    assert_true_facts()


def test_a_corrected_import_row_moves_its_intervention_fact_to_the_new_year(team):
    youth = factories.YouthFactory(team=team, external_id="J1")
    header = ["Identifiant de la fiche", "Identifiant du jeune", "Date", "Domaines"]

    def run(date, **options):
        rows = [header, ["I-7", "J1", date, "Scolarité"]]
        return import_file(
            team=team,
            kind=ImportKind.INTERVENTIONS,
            content=csv_bytes(rows),
            filename="i.csv",
            dry_run=False,
            **options,
        )

    run("15/06/2023")
    report = run("02/01/2024", decisions=Decisions(accept_all=True))

    assert report.updated == 1, report.lines()
    assert stored_facts() == {(team.pk, youth.pk, 2024, "scolarite"): 1}
    assert_true_facts()


def test_a_merge_moves_the_facts_to_the_kept_youth_and_its_undo_moves_them_back(team, commune):
    kept = factories.YouthFactory(team=team, commune=commune)
    merged = factories.YouthFactory(team=team, commune=commune)
    factories.InterventionFactory(youth=kept, date=D(2023, 2, 1), domains=["sante"])
    factories.InterventionFactory(youth=merged, date=D(2023, 5, 1), domains=["sante", "famille"])
    factories.InterventionFactory(youth=merged, date=D(2024, 5, 1), domains=["famille"])
    user = factories.UserFactory()

    merge = youth_merge(kept=kept, merged=merged, user=user)

    assert stored_facts() == {
        (team.pk, kept.pk, 2023, "sante"): 2,
        (team.pk, kept.pk, 2023, "famille"): 1,
        (team.pk, kept.pk, 2024, "famille"): 1,
    }
    assert_true_facts()
    youth_merge_undo(merge=merge, user=user)
    assert stored_facts()[(team.pk, merged.pk, 2024, "famille")] == 1
    assert_true_facts()


def test_erasing_a_youth_and_its_merged_records_erases_their_facts(team, commune):
    erased = factories.YouthFactory(team=team, commune=commune)
    duplicate = factories.YouthFactory(team=team, commune=commune)
    stays = factories.YouthFactory(team=team)
    for youth in (erased, duplicate, stays):
        factories.InterventionFactory(youth=youth, date=D(2023, 2, 1), domains=["sante"])
    youth_merge(kept=erased, merged=duplicate, user=factories.UserFactory())

    erase_youth(youth=erased)

    assert stored_facts() == {(team.pk, stays.pk, 2023, "sante"): 1}
    assert_true_facts()


def test_archiving_and_anonymising_keep_the_facts_past_reports_count(team):
    for day in (D(2020, 3, 1), D(2021, 6, 1)):
        factories.InterventionFactory(youth=factories.YouthFactory(team=team), date=day, domains=["famille"])
    before = stored_facts()

    assert apply_retention(now=moment(D(2026, 3, 1))).to_archive
    assert apply_retention(now=moment(D(2029, 3, 1))).to_anonymise

    assert stored_facts() == before
    assert_true_facts()
