"""What the generator is asked for and what it reports: volumes, outcome and its summary."""

from dataclasses import dataclass

from carnet.organisations.models import Organisation


class SynthError(Exception):
    """A request the generator refuses; the message is in French, for the person who ran it."""


@dataclass(frozen=True)
class Volumes:
    """The records of one team in one year, before a ±15 % jitter."""

    youths: int = 70
    actions: int = 65
    sessions: int = 120
    meetings: int = 25

    @classmethod
    def for_youths(cls, youths: int) -> "Volumes":
        """Volumes for ``youths`` youths a year: the activity grows in proportion."""
        base = cls()
        factor = youths / base.youths
        return cls(
            youths=youths,
            actions=max(1, round(base.actions * factor)),
            sessions=max(1, round(base.sessions * factor)),
            meetings=max(1, round(base.meetings * factor)),
        )


@dataclass(frozen=True)
class SynthOutcome:
    organisation: Organisation
    teams: int
    first_year: int
    last_year: int
    rows: dict[str, int]  # model label (through tables included) -> rows written
    seconds: float

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def summary(self) -> str:
        """What was written, in French."""

        def n(label: str) -> str:
            return _number(self.rows.get(label, 0))

        links = sum(count for label, count in self.rows.items() if label not in _MAIN_LABELS)
        years = (
            str(self.first_year)
            if self.first_year == self.last_year
            else f"{self.first_year}–{self.last_year}"
        )
        return "\n".join(
            [
                f"Organisation « {self.organisation.name} » : {n('organisations.Team')} équipes, {years}.",
                f"{n('youths.Youth')} jeunes, {n('youths.SituationChange')} changements de situation, "
                f"{n('youths.AccompanimentPeriod')} périodes d'accompagnement, "
                f"{n('youths.PaeiGoal')} objectifs de PAEI.",
                f"{n('activity.Intervention')} interventions, {n('activity.CollectiveAction')} actions "
                f"collectives, {n('activity.PresenceSession')} présences sociales, "
                f"{n('activity.PartnershipMeeting')} réunions partenariales, "
                f"{_diagnostics(self.rows.get('activity.TerritorialDiagnostic', 0))}.",
                f"{_number(links)} lignes de liaison ; {_number(self.total_rows)} lignes écrites "
                f"en {_seconds(self.seconds)}.",
            ]
        )


def _diagnostics(count: int) -> str:
    return f"{_number(count)} diagnostic{'s' if count > 1 else ''} territoria{'ux' if count > 1 else 'l'}"


_MAIN_LABELS = {
    "organisations.Team",
    "organisations.Commune",
    "organisations.Quartier",
    "organisations.Partner",
    "organisations.Funder",
    "access.User",
    "access.Membership",
    "youths.Youth",
    "youths.SituationChange",
    "youths.AccompanimentPeriod",
    "youths.PaeiGoal",
    "activity.Intervention",
    "activity.CollectiveAction",
    "activity.PresenceSession",
    "activity.PartnershipMeeting",
    "activity.TerritorialDiagnostic",
}


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f} s".replace(".", ",")


def _number(n: int) -> str:
    """12345 -> "12 345", as French writes it (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")
