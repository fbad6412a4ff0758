"""Creating and editing a youth: the form's rules and the services behind it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse

from carnet.access.models import AuditAction, AuditEvent
from carnet.organisations.models import Team
from carnet.youths.forms import YouthForm
from carnet.youths.services import youth_create, youth_update
from tests.factories import CommuneFactory, QuartierFactory, TeamFactory, YouthFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def teams(*items) -> QuerySet[Team]:
    return Team.objects.filter(pk__in=[team.pk for team in items])


def form(data: dict, *team_list, **kwargs) -> YouthForm:
    return YouthForm({"first_contact_date": "2024-01-05", **data}, teams=teams(*team_list), **kwargs)


def test_a_first_name_alone_is_enough_and_the_team_is_the_users_only_team(team, educator):
    youth_form = form({"first_name": "Inès"}, team)
    assert youth_form.is_valid(), youth_form.errors
    youth = youth_create(team=youth_form.team, user=educator, **youth_form.youth_fields())
    assert youth.team == team and youth.commune is None and youth.first_contact_date == D(2024, 1, 5)


def test_no_name_nickname_or_code_is_explained_next_to_the_first_name(team):
    youth_form = form({"last_name": "Durand"}, team)
    assert not youth_form.is_valid()
    assert youth_form.errors["first_name"] == ["Indiquez un prénom, un surnom ou un code."]


def test_a_birth_date_gives_the_birth_year(team):
    youth_form = form({"first_name": "Inès", "birth_date": "2010-04-02"}, team)
    assert youth_form.is_valid()
    assert youth_form.cleaned_data["birth_year"] == 2010


def test_a_birth_year_contradicting_the_birth_date_is_explained(team):
    youth_form = form({"first_name": "Inès", "birth_date": "2010-04-02", "birth_year": "2011"}, team)
    assert not youth_form.is_valid()
    assert "ne correspond pas" in youth_form.errors["birth_year"][0]


def test_an_implausible_birth_year_is_refused(team):
    youth_form = form({"first_name": "Inès", "birth_year": "1850"}, team)
    assert not youth_form.is_valid() and "birth_year" in youth_form.errors


def test_with_several_teams_the_commune_decides_the_team(team, commune):
    other_team = TeamFactory(organisation=team.organisation)
    other_commune = CommuneFactory(team=other_team)
    assert not form({"first_name": "Inès"}, team, other_team).is_valid()
    youth_form = form({"first_name": "Inès", "commune": other_commune.pk}, team, other_team)
    assert youth_form.is_valid(), youth_form.errors
    assert youth_form.team == other_team


def test_a_commune_of_another_team_is_not_offered(team):
    foreign = CommuneFactory()
    youth_form = form({"first_name": "Inès", "commune": foreign.pk}, team)
    assert not youth_form.is_valid() and "commune" in youth_form.errors


def test_a_quartier_of_another_commune_is_refused_and_a_lone_quartier_gives_its_commune(team, commune):
    other = CommuneFactory(team=team)
    quartier = QuartierFactory(commune=other)
    wrong = form({"first_name": "Inès", "commune": commune.pk, "quartier": quartier.pk}, team)
    assert not wrong.is_valid() and "n'appartient pas" in wrong.errors["quartier"][0]
    alone = form({"first_name": "Inès", "quartier": quartier.pk}, team)
    assert alone.is_valid() and alone.cleaned_data["commune"] == other


def test_editing_offers_only_the_communes_of_the_youths_team(team, youth):
    other_team = TeamFactory(organisation=team.organisation)
    CommuneFactory(team=other_team)
    youth_form = YouthForm(instance=youth, teams=teams(team, other_team))
    assert list(youth_form.fields["commune"].queryset) == [youth.commune]


def test_update_changes_the_fields(youth, educator):
    youth_update(youth=youth, user=educator, version=youth.version, nickname="Nénè", birth_date=D(2010, 5, 6))
    youth.refresh_from_db()
    assert youth.nickname == "Nénè" and youth.birth_year == 2010


def test_the_services_refuse_what_the_database_would(team, educator):
    with pytest.raises(ValidationError):
        youth_create(team=team, user=educator, first_name="", nickname="", code="")
    with pytest.raises(TypeError):
        youth_create(team=team, user=educator, first_name="Inès", merged_into=None)


def test_a_merged_record_cannot_be_edited(youth, educator):
    archived = YouthFactory(commune=youth.commune, merged_into=youth)
    with pytest.raises(ValidationError, match="fusionnée"):
        youth_update(youth=archived, user=educator, version=archived.version, nickname="X")


def test_reading_a_youth_page_is_logged_for_the_audit(client, youth, educator):
    client.force_login(educator)
    client.get(reverse("youths:detail", args=[youth.pk]))
    event = AuditEvent.objects.get(action=AuditAction.READ)
    assert (event.user, event.target_id) == (educator, str(youth.pk))
