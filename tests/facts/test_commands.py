"""bin/carnet check-facts names every fact that differs from the records; rebuild-facts mends them."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from carnet.facts.models import InterventionFact, PresenceFact
from carnet.referentials.models import Domain
from tests import factories

pytestmark = pytest.mark.django_db


def test_check_facts_says_so_when_the_facts_equal_the_records(team):
    factories.InterventionFactory(youth=factories.YouthFactory(team=team), domains=["sante"])
    out = io.StringIO()

    call_command("check_facts", stdout=out)

    assert out.getvalue() == "Faits dérivés conformes aux fiches.\n"


def test_check_facts_names_each_difference_and_fails_until_rebuilt(team):
    youth = factories.YouthFactory(team=team)
    factories.InterventionFactory(youth=youth, date=datetime.date(2023, 6, 15), domains=["sante", "famille"])
    InterventionFact.objects.filter(domain__code="sante").update(interventions=3)
    InterventionFact.objects.filter(domain__code="famille").delete()
    out = io.StringIO()

    with pytest.raises(CommandError, match="2 fait"):
        call_command("check_facts", stdout=out)

    sante, famille = (
        Domain.objects.get(organisation=team.organisation, code=code).pk for code in ("sante", "famille")
    )
    described = "Fait « interventions d'un jeune par an et domaine »"
    assert sorted(out.getvalue().splitlines()) == sorted(
        [
            f"{described} (équipe {team.pk}, jeune {youth.pk}, année 2023, domaine {famille}) : "
            "absent dans les faits, 1 interventions, sans année précédente dans les fiches.",
            f"{described} (équipe {team.pk}, jeune {youth.pk}, année 2023, domaine {sante}) : "
            "3 interventions, sans année précédente dans les faits, "
            "1 interventions, sans année précédente dans les fiches.",
        ]
    )
    call_command("rebuild_facts", stdout=io.StringIO())
    call_command("check_facts", stdout=io.StringIO())


def test_check_facts_names_a_wrong_previous_year_of_a_youths_domain(team):
    youth = factories.YouthFactory(team=team)
    for year in (2021, 2023):
        factories.InterventionFactory(youth=youth, date=datetime.date(year, 6, 15), domains=["sante"])
    InterventionFact.objects.filter(year=2023).update(previous_year=None)
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 fait"):
        call_command("check_facts", stdout=out)

    assert out.getvalue().endswith(
        "année 2023, domaine "
        f"{Domain.objects.get(organisation=team.organisation, code='sante').pk}) : "
        "1 interventions, sans année précédente dans les faits, "
        "1 interventions, année précédente 2021 dans les fiches.\n"
    )
    call_command("rebuild_facts", stdout=io.StringIO())
    call_command("check_facts", stdout=io.StringIO())


def test_check_facts_names_a_sessions_fact_the_records_do_not_have(team):
    factories.PresenceSessionFactory(
        team=team, date=datetime.date(2024, 3, 1), duration_minutes=90, youths_met=4
    )
    PresenceFact.objects.update(year=2025)
    out = io.StringIO()

    with pytest.raises(CommandError, match="2 fait"):
        call_command("check_facts", stdout=out)

    assert f"(équipe {team.pk}, année 2025, type" in out.getvalue()
    assert (
        "1 séances, 90 minutes, 4 jeunes rencontrés dans les faits, absent dans les fiches." in out.getvalue()
    )
