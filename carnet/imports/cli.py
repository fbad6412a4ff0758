"""Helpers shared by the import and export commands."""

import sys
from typing import TextIO

from django.core.management.base import CommandError
from django.db.models import Q

from carnet.organisations.models import Team


def find_team(value: str) -> Team:
    """A team by name, short name or id, as the report command finds it."""
    lookup = Q(name__iexact=value) | Q(short_name__iexact=value)
    if value.isdigit():
        lookup |= Q(pk=int(value))
    found = list(Team.objects.filter(lookup)[:2])
    if len(found) != 1:
        choices = ", ".join(Team.objects.values_list("name", flat=True)[:20]) or "aucune"
        problem = "introuvable" if not found else "ambiguë"
        raise CommandError(f"Équipe « {value} » {problem}. Choix possibles : {choices}.")
    return found[0]


class ProgressBar:
    """A text bar on stderr, redrawn in place: [#########-----------]  45 % (22 500/50 000)."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30):
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 if not total else min(100, done * 100 // total)
        if percent == self.last:
            return
        self.last = percent
        filled = self.width * percent // 100
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if percent == 100 else ""
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d} %{end}")
        self.stream.flush()
