"""What a report is about: a team, optionally one of its communes, and a period."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from carnet.organisations.models import Commune, Team


@dataclass(frozen=True, kw_only=True)
class ReportScope:
    """A team's records, or only those of one commune, over ``start``..``end`` (both included)."""

    team: Team
    commune: Commune | None = None
    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"Report period starts after it ends: {self.start} > {self.end}")
        if self.commune is not None and self.commune.team_id != self.team.pk:
            raise ValueError(f"Commune {self.commune.pk} does not belong to team {self.team.pk}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "ReportScope":
        """The period of the same length that ends the day before this one starts."""
        end = self.start - datetime.timedelta(days=1)
        return ReportScope(
            team=self.team,
            commune=self.commune,
            start=end - datetime.timedelta(days=self.days - 1),
            end=end,
        )

    @property
    def label(self) -> str:
        """E.g. "EMPS Lens — Lens-Nord, du 1er janvier 2024 au 31 décembre 2024"."""
        where = self.team.name
        if self.commune is not None:
            where = f"{where} — {self.commune.name}"
        return _("%(where)s, du %(start)s au %(end)s") % {
            "where": where,
            "start": _long_date(self.start),
            "end": _long_date(self.end),
        }

    def __str__(self) -> str:
        return self.label


def _long_date(day: datetime.date) -> str:
    text = date_format(day, "j F Y")
    # French writes the first day of a month as an ordinal: "1er mai 2023".
    if day.day == 1 and (get_language() or "").startswith("fr"):
        text = "1er" + text[1:]
    return text
