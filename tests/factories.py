"""Factories for the usual organisation, team, users and records.

Referentials are not built by factories: every organisation gets the real
default ones, so tests speak the same categories as users.
"""

import datetime

import factory

from carnet.access.models import Membership, Role, User
from carnet.activity.models import CollectiveAction, Intervention, PartnershipMeeting, PresenceSession
from carnet.facts.kinds import SESSIONS
from carnet.facts.services import refresh_action_facts, refresh_team_year_facts
from carnet.facts.youth_facts import refresh_youth_facts
from carnet.organisations.models import Commune, Organisation, Partner, PartnerType, Quartier, Team
from carnet.referentials import models as ref
from carnet.referentials.services import install_default_referentials
from carnet.youths.models import AccompanimentPeriod, SituationChange, Youth


def referential(model, organisation: Organisation, code: str):
    return model.objects.get(organisation=organisation, code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Association {n}")

    @factory.post_generation
    def referentials(obj, create, extracted, **kwargs):
        if create:
            install_default_referentials(organisation=obj)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Équipe {n}")


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Commune {n}")


class QuartierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quartier

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Quartier {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password("motdepasse-de-test")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    organisation = factory.LazyAttribute(lambda m: m.team.organisation)
    role = Role.EDUCATOR


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Partenaire {n}")
    partner_type = PartnerType.ASSOCIATION


class YouthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Youth

    commune = factory.SubFactory(CommuneFactory)
    team = factory.LazyAttribute(lambda y: y.commune.team if y.commune else TeamFactory())
    first_name = factory.Sequence(lambda n: f"Jeune{n}")
    sex = "H"
    birth_year = 2010
    first_contact_date = datetime.date(2023, 6, 1)


class SituationChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SituationChange

    youth = factory.SubFactory(YouthFactory)
    situation = factory.LazyAttribute(
        lambda s: referential(ref.Situation, s.youth.team.organisation, "scolarise")
    )
    since = datetime.date(2023, 1, 1)


class AccompanimentPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccompanimentPeriod

    youth = factory.SubFactory(YouthFactory)
    modality = factory.LazyAttribute(lambda p: referential(ref.Modality, p.youth.team.organisation, "asep"))
    start = datetime.date(2023, 6, 1)
    end = None


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    youth = factory.SubFactory(YouthFactory)
    team = factory.LazyAttribute(lambda i: i.youth.team)
    date = datetime.date(2023, 6, 15)

    @factory.post_generation
    def domains(obj, create, extracted, **kwargs):
        """Pass domain codes: ``InterventionFactory(domains=["scolarite", "famille"])``."""
        if create and extracted:
            organisation = obj.team.organisation
            obj.domains.set([referential(ref.Domain, organisation, code) for code in extracted])

    @factory.post_generation
    def facts(obj, create, extracted, **kwargs):
        """Keep the reports' derived facts true, as the write services do."""
        if create:
            refresh_youth_facts(youth_ids=[obj.youth_id])


class CollectiveActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveAction
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    action_type = factory.LazyAttribute(lambda a: referential(ref.ActionType, a.team.organisation, "atelier"))
    title = factory.Sequence(lambda n: f"Atelier {n}")
    start_date = datetime.date(2023, 7, 10)
    end_date = factory.LazyAttribute(lambda a: a.start_date)

    @factory.post_generation
    def facts(obj, create, extracted, **kwargs):
        """Keep the reports' derived facts true, as the write services do."""
        if create:
            refresh_action_facts(team_id=obj.team_id, years=[obj.start_date.year])


class PresenceSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PresenceSession
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    date = datetime.date(2023, 6, 2)
    duration_minutes = 120
    kind = factory.LazyAttribute(lambda s: referential(ref.PresenceKind, s.team.organisation, "rue"))

    @factory.post_generation
    def facts(obj, create, extracted, **kwargs):
        """Keep the reports' derived facts true, as the write services do."""
        if create:
            refresh_team_year_facts(kind=SESSIONS, team_id=obj.team_id, years=[obj.date.year])


class PartnershipMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMeeting

    team = factory.SubFactory(TeamFactory)
    date = datetime.date(2023, 6, 20)
    duration_minutes = 90
    kind = factory.LazyAttribute(lambda m: referential(ref.MeetingKind, m.team.organisation, "cahc"))


class PaeiGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "youths.PaeiGoal"

    period = factory.SubFactory(AccompanimentPeriodFactory)
    text = factory.Sequence(lambda n: f"Objectif {n}")
    position = factory.Sequence(lambda n: n)


class TerritorialDiagnosticFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "activity.TerritorialDiagnostic"

    quartier = factory.SubFactory(QuartierFactory)
    team = factory.LazyAttribute(lambda d: d.quartier.commune.team)
    date = datetime.date(2023, 3, 14)


class PlannedEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agenda.PlannedEvent"

    team = factory.SubFactory(TeamFactory)
    kind = "meeting"
    title = "Réunion partenariale"
    date = datetime.date(2026, 12, 3)
    start_time = datetime.time(10, 0)
    end_time = datetime.time(11, 0)
