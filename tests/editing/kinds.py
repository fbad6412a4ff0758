"""Every record kind edited in a form two people may have open at once: how to make one, where
its edit form is, which text field a test changes, and the service that saves a change."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.test import Client
from django.urls import reverse

from carnet.activity import services
from carnet.activity.diagnostic_services import diagnostic_save
from carnet.agenda.services import planned_event_save
from carnet.organisations.services import partner_update
from carnet.youths.paei_services import paei_goal_update
from tests import factories


@dataclass(frozen=True)
class RecordKind:
    name: str
    make: Callable[[Any], Model]  # the team's commune -> a record of the team
    url: Callable[[Model], str]
    field: str  # a text field of the form, stored under the same name
    save: Callable[[Model, int, str], Model]  # the service saving ``field`` from a form at a version

    def __str__(self) -> str:
        return self.name


def _event_save(event, version: int, title: str):
    return planned_event_save(
        event=event,
        version=version,
        team=event.team,
        kind=event.kind,
        date=event.date,
        start_time=event.start_time,
        end_time=event.end_time,
        title=title,
    )


def _diagnostic_save(diagnostic, version: int, summary: str):
    return diagnostic_save(
        diagnostic=diagnostic,
        version=version,
        team=diagnostic.team,
        quartier=diagnostic.quartier,
        date=diagnostic.date,
        summary=summary,
    )


def _goal(commune):
    youth = factories.YouthFactory(commune=commune)
    return factories.PaeiGoalFactory(period=factories.AccompanimentPeriodFactory(youth=youth))


KINDS = [
    RecordKind(
        "intervention",
        make=lambda commune: factories.InterventionFactory(
            youth=factories.YouthFactory(commune=commune), domains=["sante"]
        ),
        url=lambda record: reverse("activity:intervention_update", args=[record.pk]),
        field="note",
        save=lambda record, version, note: services.intervention_update(
            intervention=record, version=version, note=note
        ),
    ),
    RecordKind(
        "collective action",
        make=lambda commune: factories.CollectiveActionFactory(team=commune.team),
        url=lambda record: reverse("activity:action_update", args=[record.pk]),
        field="title",
        save=lambda record, version, title: services.collective_action_update(
            action=record, version=version, title=title
        ),
    ),
    RecordKind(
        "presence session",
        make=lambda commune: factories.PresenceSessionFactory(team=commune.team),
        url=lambda record: reverse("activity:presence_update", args=[record.pk]),
        field="place",
        save=lambda record, version, place: services.presence_session_update(
            session=record, version=version, place=place
        ),
    ),
    RecordKind(
        "partnership meeting",
        make=lambda commune: factories.PartnershipMeetingFactory(team=commune.team),
        url=lambda record: reverse("activity:meeting_update", args=[record.pk]),
        field="subject",
        save=lambda record, version, subject: services.partnership_meeting_update(
            meeting=record, version=version, subject=subject
        ),
    ),
    RecordKind(
        "territorial diagnostic",
        make=lambda commune: factories.TerritorialDiagnosticFactory(
            quartier=factories.QuartierFactory(commune=commune)
        ),
        url=lambda record: reverse("activity:diagnostic_update", args=[record.pk]),
        field="summary",
        save=_diagnostic_save,
    ),
    RecordKind(
        "agenda event",
        make=lambda commune: factories.PlannedEventFactory(team=commune.team),
        url=lambda record: reverse("agenda:event_update", args=[record.pk]),
        field="title",
        save=_event_save,
    ),
    RecordKind(
        "partner",
        make=lambda commune: factories.PartnerFactory(
            organisation=commune.team.organisation, name="Mission locale"
        ),
        url=lambda record: reverse("activity:partner_update", args=[record.pk]),
        field="name",
        save=lambda record, version, name: partner_update(partner=record, version=version, name=name),
    ),
    RecordKind(
        "PAEI goal",
        make=_goal,
        url=lambda record: reverse("youths:paei_goal_edit", args=[record.period.youth_id, record.pk]),
        field="text",
        save=lambda record, version, text: paei_goal_update(goal=record, version=version, text=text),
    ),
]


def opened(client: Client, url: str) -> dict[str, Any]:
    """The edit form's data as its page shows it: what the browser sends when nothing is changed."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    for bound in response.context["form"]:
        value = bound.value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, datetime.time):
            data[bound.html_name] = value.strftime("%H:%M")
        elif isinstance(value, datetime.date):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = "on" if value is True else str(value)
    return data
