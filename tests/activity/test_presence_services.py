"""Recording street presence: what the service accepts, corrects and refuses."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from carnet.activity import services
from carnet.referentials.models import PresenceKind
from tests.factories import (
    CommuneFactory,
    OrganisationFactory,
    PresenceSessionFactory,
    QuartierFactory,
    YouthFactory,
    referential,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _record(team, **fields):
    fields = {"date": D(2024, 5, 14), "duration_minutes": 120, **fields}
    kind = referential(PresenceKind, team.organisation, "rue")
    return services.presence_session_create(team=team, kind=kind, **fields)


def test_presence_session_is_recorded_with_its_educators_and_known_youths(team, commune, educator):
    inès = YouthFactory(commune=commune, first_name="Inès")
    session = _record(team, commune=commune, youths_met=6, known_youths=[inès], educators=[educator])
    session.refresh_from_db()
    assert session.youths_met == 6
    assert list(session.known_youths.all()) == [inès]
    assert list(session.educators.all()) == [educator]


def test_number_of_youths_met_is_raised_to_the_known_youths_named(team, commune):
    youths = YouthFactory.create_batch(3, commune=commune)
    session = _record(team, youths_met=1, known_youths=youths)
    assert session.youths_met == 3


def test_a_quartier_without_commune_gives_the_session_its_commune(team, quartier):
    session = _record(team, quartier=quartier)
    assert session.commune == quartier.commune


def test_quartier_of_another_commune_is_refused(team, commune):
    elsewhere = QuartierFactory(commune=CommuneFactory(team=team))
    with pytest.raises(ValidationError) as error:
        _record(team, commune=commune, quartier=elsewhere)
    assert "Ce quartier n'appartient pas à la commune choisie." in error.value.message_dict["quartier"]


def test_commune_of_another_team_is_refused(team, other_team):
    with pytest.raises(ValidationError) as error:
        _record(team, commune=CommuneFactory(team=other_team))
    assert "commune" in error.value.message_dict


def test_youth_of_another_team_cannot_be_named_in_a_session(team, other_team):
    stranger = YouthFactory(commune=CommuneFactory(team=other_team))
    with pytest.raises(ValidationError) as error:
        _record(team, known_youths=[stranger])
    assert error.value.message_dict["known_youths"] == ["Un des jeunes choisis n'est pas suivi par l'équipe."]


def test_presence_kind_of_another_organisation_is_refused(team):
    foreign_kind = referential(PresenceKind, OrganisationFactory(name="Autre asso"), "rue")
    with pytest.raises(ValidationError) as error:
        services.presence_session_create(
            team=team, date=D(2024, 5, 14), duration_minutes=60, kind=foreign_kind
        )
    assert "kind" in error.value.message_dict


def test_a_session_longer_than_a_day_is_refused_with_a_french_message(team):
    with pytest.raises(ValidationError) as error:
        _record(team, duration_minutes=25 * 60)
    assert "La durée doit être comprise entre 1 minute et 24 heures." in error.value.messages


def test_updating_a_session_changes_only_what_is_given(team, commune):
    inès = YouthFactory(commune=commune)
    session = _record(team, youths_met=4, known_youths=[inès])
    services.presence_session_update(session=session, version=session.version, duration_minutes=90)
    session.refresh_from_db()
    assert (session.duration_minutes, session.youths_met) == (90, 4)
    assert list(session.known_youths.all()) == [inès]


def test_deleting_a_session_keeps_the_youths(team, commune):
    inès = YouthFactory(commune=commune)
    session = PresenceSessionFactory(team=team)
    session.known_youths.add(inès)
    services.presence_session_delete(session=session)
    assert not team.presence_sessions.exists()
    inès.refresh_from_db()
    assert inès.pk
