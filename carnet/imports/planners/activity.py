"""Planning and writing the team's activity: interventions, collective actions, presence,
meetings and diagnostics.

A row with an identifier ("Identifiant de la fiche", which Carnet's export writes) names
its record: a corrected row updates it (empty values filled, others changed where the
user accepts). A row without one is already recorded when a record of the team holds the
same values (``Occurrences`` counts repeats), and is otherwise created.
"""

import datetime
from collections.abc import Callable

from carnet.activity.models import (
    ActionRole,
    CollectiveAction,
    DiagnosticNeed,
    Intervention,
    InterventionKind,
    PartnershipMeeting,
    PresenceSession,
    TerritorialDiagnostic,
)

from ..rows import ParsedRow
from .base import Plan
from .records import ActivityPlanner

NEEDS_SEPARATOR = ";"


class InterventionPlanner(ActivityPlanner):
    model = Intervention
    fields = ("youth", "date", "kind", "note")
    many = ("domains", "partners")

    def check(self, row, values, youths):
        youth_id = self.youth_of(row, youths)
        values["youth"] = youth_id
        values.setdefault("kind", InterventionKind.INTERVIEW)
        return youth_id is not None


# Days of an action given as a number: a séjour lasts a few days, a year at most.
MAX_ACTION_DAYS = 366


class ActionPlanner(ActivityPlanner):
    model = CollectiveAction
    fields = (
        "action_type",
        "title",
        "start_date",
        "end_date",
        "commune",
        "quartier",
        "role",
        "commune_event",
        "after_needs_study",
        "anonymous_male",
        "anonymous_female",
        "anonymous_non_binary",
        "description",
    )
    many = ("participants", "partners")

    def check(self, row, values, youths):
        ok = self.dates(row, values)
        start, action_type = values.get("start_date"), values.get("action_type")
        if not values.get("title") and start and action_type and "title" not in row.failed:
            # A row without title is named after its type and day, as the dry run says.
            values["title"] = f"{action_type.label} du {start:%d/%m/%Y}"[:200]
            self.interpretations.add(
                row.header("title", "Intitulé"),
                "(vide)",
                "intitulé fait du type et de la date",
                per_value=False,
            )
        # An event the commune initiated is one the team joins, never one it leads.
        default_role = ActionRole.ASSOCIATED if values.get("commune_event") else ActionRole.INITIATED
        values.setdefault("role", default_role)
        if values.get("commune_event") and values["role"] != ActionRole.ASSOCIATED:
            self.refuse(
                row,
                "Rôle de l'équipe",
                "role",
                "un événement initié par la commune est une action où l'équipe est associée",
            )
            ok = False
        ok = self.place(row, values) and ok
        return self.youth_ids(row, values, "participants", "Jeunes connus", youths) and ok

    def dates(self, row: ParsedRow, values: dict) -> bool:
        """The end date: given, or made from a number of days, or the start date."""
        start, days = values.get("start_date"), values.pop("days", None)
        if start is None or {"end_date", "days"} & row.failed:
            return False
        if days is not None:
            if not 1 <= days <= MAX_ACTION_DAYS:
                self.refuse(
                    row, "Nombre de jours", "days", f"nombre de jours hors limites (1 à {MAX_ACTION_DAYS})"
                )
                return False
            end = start + datetime.timedelta(days=days - 1)
            if values.get("end_date") not in (None, end):
                self.refuse(
                    row,
                    "Nombre de jours",
                    "days",
                    f"ne correspond pas à la date de fin ({days} jours du {start:%d/%m/%Y} "
                    f"finissent le {end:%d/%m/%Y})",
                )
                return False
            if "end_date" not in values:
                values["end_date"] = end
                self.interpretations.add(
                    row.header("days", "Nombre de jours"),
                    str(days),
                    "date de fin (début + jours − 1)",
                    per_value=False,
                )
        values.setdefault("end_date", start)
        if values["end_date"] < start:
            self.refuse(row, "Date de fin", "end_date", "la date de fin précède la date de début")
            return False
        return True


class PresencePlanner(ActivityPlanner):
    model = PresenceSession
    fields = ("date", "kind", "duration_minutes", "commune", "quartier", "place", "youths_met")
    many = ("known_youths",)

    def check(self, row, values, youths):
        ok = self.duration(row, values)
        ok = self.place(row, values) and ok
        return self.youth_ids(row, values, "known_youths", "Jeunes connus", youths) and ok


class MeetingPlanner(ActivityPlanner):
    model = PartnershipMeeting
    fields = ("date", "kind", "subject", "duration_minutes", "commune")
    many = ("partners",)

    def check(self, row, values, youths):
        return self.duration(row, values)


class DiagnosticPlanner(ActivityPlanner):
    """A quartier's diagnostic; its needs, one cell separated by ";", are created with it (a
    corrected row changes the diagnostic's own values and partners, never its needs).
    A row is already recorded when a diagnostic holds the same date, quartier, texts and partners."""

    model = TerritorialDiagnostic
    fields = ("date", "quartier", "summary", "resources")
    many = ("partners",)

    def check(self, row, values, youths):
        needs = [need.strip()[:200] for need in (values.pop("needs", "") or "").split(NEEDS_SEPARATOR)]
        values["imported_needs"] = list(dict.fromkeys(need for need in needs if need))
        return self.place(row, values)

    def new_record(self, values):
        record = super().new_record(values)
        record.imported_needs = values["imported_needs"]
        return record

    def write(self, plan: Plan, progress: Callable[[int], None]) -> None:
        super().write(plan, progress)
        DiagnosticNeed.objects.bulk_create(
            DiagnosticNeed(diagnostic=record, label=label, position=position)
            for record, _related in plan.create
            for position, label in enumerate(record.imported_needs)
        )
