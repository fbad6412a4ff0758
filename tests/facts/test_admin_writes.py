"""A record changed or deleted in the Django admin, whose forms write the models directly,
leaves the derived facts equal to the records, as a change made in Carnet does."""

import datetime

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict

from carnet.access.models import Role
from carnet.activity.models import Intervention, PresenceSession
from carnet.facts.queries import fact_differences
from carnet.youths.models import Youth
from tests import factories

from .truth import domain_years_from_records, facts_from_records, stored_domain_years, stored_facts

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def administrator(team):
    user = factories.UserFactory(is_staff=True)
    factories.MembershipFactory(user=user, team=None, organisation=team.organisation, role=Role.ADMIN)
    factories.MembershipFactory(user=user, team=team, role=Role.EDUCATOR)
    return user


@pytest.fixture
def admin_request(rf, administrator):
    request = rf.post("/")
    request.user = administrator
    return request


def save_in_the_admin(request, record, **changes):
    """What the admin's change form does with ``changes`` typed in: the form, save_model, then
    save_related (the many-to-many fields)."""
    model_admin = admin.site._registry[type(record)]
    form_class = model_admin.get_form(request, record, change=True)
    data = {}
    for name, value in {**model_to_dict(record), **changes}.items():
        if name not in form_class.base_fields or value is None:
            continue
        if isinstance(value, list):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    form = form_class(data=data, instance=record)
    assert form.is_valid(), form.errors
    saved = form.save(commit=False)
    model_admin.save_model(request, saved, form, change=True)
    model_admin.save_related(request, form, formsets=[], change=True)


def assert_facts_equal_the_records():
    assert stored_facts() == facts_from_records()
    assert stored_domain_years() == domain_years_from_records()
    assert fact_differences() == []


def test_an_intervention_moved_to_another_year_and_domain_in_the_admin_moves_its_facts(admin_request, team):
    youth = factories.YouthFactory(team=team)
    factories.InterventionFactory(youth=youth, date=D(2023, 6, 1), domains=["sante"])
    moved = factories.InterventionFactory(youth=youth, date=D(2023, 9, 1), domains=["sante", "famille"])
    famille = moved.domains.get(code="famille")

    save_in_the_admin(
        admin_request, Intervention.objects.get(pk=moved.pk), date="2021-09-01", domains=[famille]
    )

    assert stored_facts() == {
        (team.pk, youth.pk, 2023, "sante"): 1,
        (team.pk, youth.pk, 2021, "famille"): 1,
    }
    assert_facts_equal_the_records()


def test_interventions_and_a_youth_deleted_in_the_admin_take_their_facts_and_sums_along(admin_request, team):
    kept, deleted = factories.YouthFactory.create_batch(2, team=team)
    for youth in (kept, deleted):
        factories.InterventionFactory(youth=youth, date=D(2022, 3, 1), domains=["sante"])
        factories.InterventionFactory(youth=youth, date=D(2023, 3, 1), domains=["sante"])
    youth_admin = admin.site._registry[Youth]
    intervention_admin = admin.site._registry[Intervention]

    intervention_admin.delete_queryset(
        admin_request, Intervention.objects.filter(youth=kept, date__year=2022)
    )
    youth_admin.delete_model(admin_request, Youth.objects.get(pk=deleted.pk))

    assert stored_domain_years() == {(team.pk, 2023, "sante", 0): (1, 1)}
    assert_facts_equal_the_records()


def test_a_presence_session_moved_to_another_year_in_the_admin_moves_its_figures(admin_request, team):
    session = factories.PresenceSessionFactory(team=team, date=D(2023, 12, 30), duration_minutes=90)

    save_in_the_admin(admin_request, PresenceSession.objects.get(pk=session.pk), date="2024-01-02")

    assert fact_differences() == []
    session_admin = admin.site._registry[PresenceSession]
    session_admin.delete_model(admin_request, PresenceSession.objects.get(pk=session.pk))
    assert fact_differences() == []
