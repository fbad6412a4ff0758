"""What a report is about: a team (optionally one of its communes) or a whole organisation,
and a period."""

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from carnet.organisations.models import Commune, Organisation, Team


@dataclass(frozen=True, kw_only=True)
class ReportScope:
    """A team's records, or only those of one commune, over ``start``..``end`` (both included).

    Without a team, the scope is the whole ``organisation``: the records of all its teams.
    A youth belongs to one team, and a record counts only with its own team's youths, so
    the organisation's report is the union of its teams' reports.
    """

    team: Team | None = None
    organisation: Organisation | None = None
    commune: Commune | None = None
    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"Report period starts after it ends: {self.start} > {self.end}")
        if (self.team is None) == (self.organisation is None):
            raise ValueError("A report scope is either a team or an organisation")
        if self.commune is not None and (self.team is None or self.commune.team_id != self.team.pk):
            raise ValueError(f"Commune {self.commune.pk} does not belong to the scope's team")

    @property
    def is_organisation(self) -> bool:
        return self.team is None

    @property
    def organisation_id(self) -> int:
        return self.organisation.pk if self.team is None else self.team.organisation_id

    @property
    def owner(self) -> Organisation:
        return self.organisation if self.team is None else self.team.organisation

    @property
    def name(self) -> str:
        """The team's name, or "<organisation> — toutes les équipes"."""
        if self.team is not None:
            return self.team.name
        return _("%(organisation)s — toutes les équipes") % {"organisation": self.organisation.name}

    @property
    def short_name(self) -> str:
        if self.team is not None:
            return self.team.short_name or self.team.name
        return self.organisation.name

    @property
    def audit_target(self) -> Team | Organisation:
        return self.organisation if self.team is None else self.team

    def records_of(self, field: str = "team") -> Q:
        """Records whose ``field`` (a team) is the scope's team, or any team of the organisation.

        A team report compares with a constant, which keeps its queries on the
        (team, date) indexes whatever the other teams hold.
        """
        if self.team is not None:
            return Q(**{field: self.team})
        return Q(**{f"{field}__in": Team.objects.filter(organisation=self.organisation).values("pk")})

    def youth_team(self, field: str = "team") -> Q:
        """Records of a youth's contact (``field`` is their team) made by the youth's own team.

        For an organisation, a youth counts through the records of their own team only,
        exactly as in that team's report, so that teams' figures add up.
        """
        if self.team is not None:
            return Q(**{field: self.team})
        return Q(**{field: OuterRef("team")})

    def same_team_as_youth(self, field: str = "team", youth: str = "youth__team") -> Q:
        """Records of the scope made with a youth of the record's own team.

        A team report compares both with the team; an organisation's report joins the
        youth to compare the two teams.
        """
        if self.team is not None:
            return Q(**{field: self.team, youth: self.team})
        return self.records_of(field) & Q(**{youth: F(field)})

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "ReportScope":
        """The period of the same length that ends the day before this one starts."""
        end = self.start - datetime.timedelta(days=1)
        return ReportScope(
            team=self.team,
            organisation=self.organisation,
            commune=self.commune,
            start=end - datetime.timedelta(days=self.days - 1),
            end=end,
        )

    @property
    def label(self) -> str:
        """E.g. "EMPS Lens — Lens-Nord, du 1er janvier 2024 au 31 décembre 2024"."""
        where = self.name
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
