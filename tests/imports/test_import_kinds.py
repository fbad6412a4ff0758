"""Accompaniment periods, collective actions, presence sessions and meetings from spreadsheets."""

import datetime

from carnet.activity.models import ActionRole, CollectiveAction, PartnershipMeeting, PresenceSession
from carnet.imports.columns import ImportKind
from carnet.imports.services import import_file
from carnet.youths.models import AccompanimentPeriod
from tests import factories

from .conftest import csv_bytes


def run(team, kind, rows, *, dry_run=False):
    return import_file(team=team, kind=kind, content=csv_bytes(rows), filename="f.csv", dry_run=dry_run)


def messages(report) -> list[str]:
    return [str(error) for error in report.errors]


def test_accompaniment_periods_are_imported_with_their_modality_and_found_again(team, montigny):
    factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    rows = [
        ["N° jeune", "Modalité d'accompagnement", "Date de début", "Date de fin"],
        ["J1", "En accroche", "01/02/2023", "31/05/2023"],
        ["J1", "PAEI", "2023-06-01", ""],
    ]
    assert run(team, ImportKind.ACCOMPANIMENTS, rows).created == 2
    periods = AccompanimentPeriod.objects.order_by("start")
    assert [(p.modality.code, p.end) for p in periods] == [
        ("accroche", datetime.date(2023, 5, 31)),
        ("paei", None),
    ]
    again = run(team, ImportKind.ACCOMPANIMENTS, rows)
    assert (again.created, again.unchanged) == (0, 2)


def test_an_accompaniment_overlapping_another_is_refused_with_the_other_named(team, montigny):
    youth = factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    factories.AccompanimentPeriodFactory(
        youth=youth, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 3, 31)
    )
    report = run(
        team,
        ImportKind.ACCOMPANIMENTS,
        [
            ["Identifiant du jeune", "Modalité", "Début", "Fin"],
            ["J1", "ASEP", "15/03/2023", "30/04/2023"],
            ["J1", "PAEI", "01/09/2023", "31/08/2023"],
        ],
    )
    assert messages(report) == [
        "ligne 2, colonne « Début » : « 15/03/2023 » — chevauche la période du 01/01/2023 "
        "(période déjà enregistrée)",
        "ligne 3, colonne « Fin » : « 31/08/2023 » — la fin précède le début",
    ]
    assert AccompanimentPeriod.objects.count() == 1


def test_a_collective_action_takes_its_known_participants_partners_and_anonymous_counts(team, montigny):
    first = factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    second = factories.YouthFactory(team=team, commune=montigny, external_id="J2")
    factories.PartnerFactory(organisation=team.organisation, name="Centre social Max Pol Fouchet")
    rows = [
        [
            "Type d'action",
            "Intitulé",
            "Du",
            "Au",
            "Ville",
            "Participants",
            "Garçons",
            "Filles",
            "Partenaires",
        ],
        [
            "Sortie",
            "Journée à la mer",
            "12/07/2023",
            "",
            "Montigny-en-Gohelle",
            "J1, J2",
            "3",
            "2",
            "Centre social Max Pol Fouchet",
        ],
    ]
    report = run(team, ImportKind.ACTIONS, rows)
    assert report.ok and report.created == 1, report.lines()
    action = CollectiveAction.objects.get()
    assert action.action_type.code == "sortie"
    assert action.end_date == action.start_date == datetime.date(2023, 7, 12)
    assert action.role == ActionRole.INITIATED
    assert set(action.participants.all()) == {first, second}
    assert (action.anonymous_male, action.anonymous_female) == (3, 2)
    assert [partner.name for partner in action.partners.all()] == ["Centre social Max Pol Fouchet"]
    assert run(team, ImportKind.ACTIONS, rows).unchanged == 1


def test_a_commune_event_led_by_the_team_and_an_unknown_participant_are_refused(team, montigny):
    report = run(
        team,
        ImportKind.ACTIONS,
        [
            ["Type", "Intitulé", "Date de début", "Rôle", "Événement communal", "Jeunes connus"],
            ["Action DSL", "Fête de quartier", "01/07/2023", "initiée", "oui", ""],
            ["Atelier", "Graff", "05/07/2023", "", "non", "Z9"],
        ],
    )
    assert messages(report) == [
        "ligne 2, colonne « Rôle » : « initiée » — un événement initié par la commune "
        "est une action où l'équipe est associée",
        "ligne 3, colonne « Jeunes connus » : « Z9 » — aucun jeune de l'équipe n'a l'identifiant « Z9 »",
    ]
    assert not CollectiveAction.objects.exists()


def test_presence_takes_hours_with_a_decimal_comma_and_two_identical_rows_are_two_sessions(team, montigny):
    youth = factories.YouthFactory(team=team, commune=montigny, external_id="J1")
    rows = [
        ["Date", "Type de présence", "Durée (heures)", "Quartier", "Nb jeunes", "Jeunes connus"],
        ["03/10/2023", "Travail de rue", "1,5", "Cité 10", "6", "J1"],
        ["03/10/2023", "Travail de rue", "1,5", "Cité 10", "6", "J1"],
    ]
    report = run(team, ImportKind.PRESENCES, rows)
    assert report.created == 2, report.lines()
    sessions = PresenceSession.objects.all()
    assert {(s.duration_minutes, s.youths_met, s.commune, s.quartier.name) for s in sessions} == {
        (90, 6, montigny, "Cité 10")
    }
    assert all(list(s.known_youths.all()) == [youth] for s in sessions)
    again = run(team, ImportKind.PRESENCES, rows)
    assert (again.created, again.unchanged) == (0, 2)
    assert PresenceSession.objects.count() == 2


def test_a_presence_without_duration_or_longer_than_a_day_is_refused(team, montigny):
    report = run(
        team,
        ImportKind.PRESENCES,
        [
            ["Date", "Type", "Durée (minutes)"],
            ["03/10/2023", "Travail de rue", ""],
            ["04/10/2023", "Présence au collège", "1500"],
        ],
    )
    assert messages(report) == [
        "ligne 2, colonne « Durée (minutes) » — durée manquante (en minutes ou en heures)",
        "ligne 3, colonne « Durée (minutes) » : « 1500 » — "
        "durée hors limites (plus de 0 et au plus 24 heures)",
    ]


def test_meetings_are_imported_with_their_partners_and_an_unknown_partner_is_listed(team, montigny):
    factories.PartnerFactory(organisation=team.organisation, name="Mission locale, Lens")
    report = run(
        team,
        ImportKind.MEETINGS,
        [
            ["Date", "Type de réunion", "Objet", "Durée (minutes)", "Partenaires"],
            ["12/10/2023", "Contrat local de santé (CLS)", "Bilan santé", "120", "Mission locale, Lens"],
            ["13/10/2023", "Réunion bailleur", "", "60", "Pas de calais habitat"],
        ],
    )
    assert messages(report) == [
        "ligne 3, colonne « Partenaires » : « Pas de calais habitat » — partenaire inconnu : "
        "« Pas de calais habitat »"
    ]
    assert report.unknown_values == [("Partenaires", "Pas de calais habitat", 1)]
    fixed = run(
        team,
        ImportKind.MEETINGS,
        [
            ["Date", "Type de réunion", "Objet", "Durée (minutes)", "Partenaires"],
            ["12/10/2023", "Contrat local de santé (CLS)", "Bilan santé", "120", "Mission locale, Lens"],
        ],
    )
    assert fixed.created == 1
    meeting = PartnershipMeeting.objects.get()
    assert (meeting.kind.code, meeting.duration_minutes) == ("cls", 120)
    assert [partner.name for partner in meeting.partners.all()] == ["Mission locale, Lens"]
