"""A team with every kind of record it keeps, for the tests of its export (the fixture
``kept`` of tests/imports/conftest.py): youths, situations, accompaniments with their PAEI goals
and reviews, interventions, collective actions linked to the needs of a diagnostic, presences,
meetings, the agenda with a team meeting's decisions."""

import datetime
import json

from carnet.activity.models import DiagnosticNeed
from carnet.agenda.models import EventKind
from carnet.youths.models import GoalProgress, PaeiGoal, PaeiGoalReview, PaeiReview
from tests import factories


def domain_of(team, code):
    return factories.referential(factories.ref.Domain, team.organisation, code)


def build_whole_team(team):
    """A team with one record of every kind, the links between them included."""
    commune = factories.CommuneFactory(team=team, name="Montigny-en-Gohelle", insee_code="62587")
    quartier = factories.QuartierFactory(commune=commune, name="Cité 10")
    partner = factories.PartnerFactory(organisation=team.organisation, name="Collège Gagarine")
    ines = factories.YouthFactory(
        commune=commune,
        quartier=quartier,
        first_name="Inès",
        sex="F",
        birth_date=datetime.date(2008, 4, 3),
        birth_year=2008,
        origin=factories.referential(factories.ref.Origin, team.organisation, "tiers"),
    )
    karim = factories.YouthFactory(commune=commune, first_name="", code="K7", sex="H", birth_year=2009)
    factories.SituationChangeFactory(youth=ines, since=datetime.date(2023, 1, 5))
    paei = factories.referential(factories.ref.Modality, team.organisation, "paei")
    period = factories.AccompanimentPeriodFactory(
        youth=ines, modality=paei, start=datetime.date(2023, 2, 1), next_review_on=datetime.date(2023, 9, 1)
    )
    factories.AccompanimentPeriodFactory(youth=karim, start=datetime.date(2023, 3, 1))
    school = PaeiGoal.objects.create(
        period=period, text="Retourner au collège", domain=domain_of(team, "scolarite"), position=0
    )
    sport = PaeiGoal.objects.create(
        period=period,
        text="S'inscrire au club",
        target_date=datetime.date(2023, 6, 30),
        position=1,
        reached_on=datetime.date(2023, 5, 10),
    )
    review = PaeiReview.objects.create(period=period, date=datetime.date(2023, 5, 10))
    PaeiGoalReview.objects.create(
        review=review, goal=school, progress=GoalProgress.IN_PROGRESS, note="Rdv CPE"
    )
    PaeiGoalReview.objects.create(review=review, goal=sport, progress=GoalProgress.REACHED)
    intervention = factories.InterventionFactory(
        youth=ines, date=datetime.date(2023, 5, 2), domains=["scolarite", "famille"], note="Rdv collège"
    )
    intervention.partners.set([partner])
    diagnostic = factories.TerritorialDiagnosticFactory(quartier=quartier, summary="Peu de lieux")
    diagnostic.partners.set([partner])
    first_need = DiagnosticNeed.objects.create(diagnostic=diagnostic, label="Lieu d'accueil", position=0)
    DiagnosticNeed.objects.create(diagnostic=diagnostic, label="Soutien scolaire", position=1)
    action = factories.CollectiveActionFactory(
        team=team, commune=commune, start_date=datetime.date(2023, 7, 10)
    )
    action.participants.set([ines, karim])
    action.partners.set([partner])
    action.needs.set([first_need])
    session = factories.PresenceSessionFactory(team=team, commune=commune, date=datetime.date(2023, 6, 2))
    session.known_youths.set([karim])
    meeting = factories.PartnershipMeetingFactory(team=team, commune=commune, subject="CLSPD")
    meeting.partners.set([partner])
    factories.PlannedEventFactory(
        team=team,
        kind=EventKind.TEAM_MEETING,
        title="Réunion d'équipe",
        date=datetime.date(2023, 6, 5),
        agenda="Séjour d'été",
        decisions="Départ le 10/07\nBus à 8 h ; retour à 18 h",
    )
    factories.PlannedEventFactory(
        team=team,
        kind=EventKind.PRESENCE,
        title="Tournée",
        date=datetime.date(2023, 6, 2),
        start_time=datetime.time(17, 0),
        end_time=datetime.time(19, 0),
        commune=commune,
        quartier=quartier,
        presence_kind=session.kind,
        recorded_session=session,
    )
    return team


def copy_document(document: bytes) -> bytes:
    """The JSON export as another, empty organisation receives it."""
    data = json.loads(document)
    data["organisation"]["nom"] = "Association d'accueil"
    return json.dumps(data).encode()
