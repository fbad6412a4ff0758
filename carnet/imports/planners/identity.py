"""Whether a row of a youths file is a recorded youth: the rules of identity matching.

A youth's identity is their first name, nickname, code, surname, birth date (or birth
year), sex and commune. Without an identifier, a row is a recorded youth only when every
identity field given on both sides agrees (accents, case and spacing aside) and they share
a name (first name, nickname or code). A recorded youth who shares a name and a compatible
birth year but differs on another field (another birth date, sex, surname or commune) is a
*possible duplicate*: the user says whether the row is that youth, another one, or is left
out; nothing is merged or updated on a guess. A different birth year makes another youth.
"""

import datetime
from dataclasses import dataclass

from ..reading import normalise

NAME_FIELDS = ("first_name", "nickname", "code")
# The identity fields as the dry run names them.
LABELS = {
    "first_name": "prénom",
    "nickname": "surnom",
    "code": "code",
    "last_name": "nom",
    "birth_date": "date de naissance",
    "birth_year": "année de naissance",
    "sex": "sexe",
    "commune": "commune",
}


@dataclass(frozen=True)
class Identity:
    first_name: str = ""
    nickname: str = ""
    code: str = ""
    last_name: str = ""
    birth_date: datetime.date | None = None
    birth_year: int | None = None
    sex: str = ""
    commune_id: int | None = None

    @classmethod
    def of(cls, *, first_name="", nickname="", code="", last_name="", birth_date=None, birth_year=None,
           sex="", commune_id=None) -> "Identity":  # fmt: skip
        return cls(
            normalise(first_name),
            normalise(nickname),
            normalise(code),
            normalise(last_name),
            birth_date,
            birth_year or (birth_date.year if birth_date else None),
            sex or "",
            commune_id,
        )

    @classmethod
    def of_values(cls, values: dict) -> "Identity":
        commune = values.get("commune")
        return cls.of(
            **{name: values.get(name) or "" for name in (*NAME_FIELDS, "last_name", "sex")},
            birth_date=values.get("birth_date"),
            birth_year=values.get("birth_year"),
            commune_id=commune.pk if commune is not None else None,
        )

    @classmethod
    def of_youth(cls, youth) -> "Identity":
        return cls.of(
            **{name: getattr(youth, name) for name in (*NAME_FIELDS, "last_name", "sex")},
            birth_date=youth.birth_date,
            birth_year=youth.birth_year,
            commune_id=youth.commune_id,
        )

    def names(self) -> list[tuple[str, str]]:
        return [(name, getattr(self, name)) for name in NAME_FIELDS if getattr(self, name)]

    def differences(self, other: "Identity") -> list[str]:
        """The identity fields given on both sides whose values differ."""
        found = [
            name
            for name in (*NAME_FIELDS, "last_name", "sex")
            if getattr(self, name) and getattr(other, name) and getattr(self, name) != getattr(other, name)
        ]
        if self.birth_date and other.birth_date:
            if self.birth_date != other.birth_date:
                found.append("birth_date")
        elif self.birth_year and other.birth_year and self.birth_year != other.birth_year:
            found.append("birth_year")
        if self.commune_id and other.commune_id and self.commune_id != other.commune_id:
            found.append("commune")
        return found

    def other_year(self, other: "Identity") -> bool:
        return bool(self.birth_year and other.birth_year and self.birth_year != other.birth_year)


class RecordedYouths:
    """The team's youths, found by name for matching a row."""

    def __init__(self, youths):
        # Indexed on the first row that needs it: a file whose rows all carry a known
        # identifier never pays for it.
        self._youths = youths
        self._identities: dict[int, Identity] | None = None
        self.by_name: dict[tuple[str, str], list[int]] = {}

    @property
    def identities(self) -> dict[int, Identity]:
        if self._identities is None:
            self._identities = {}
            for youth in self._youths:
                identity = Identity.of_youth(youth)
                self._identities[youth.pk] = identity
                for key in identity.names():
                    self.by_name.setdefault(key, []).append(youth.pk)
        return self._identities

    def candidates(self, identity: Identity) -> tuple[list[int], list[int]]:
        """(youths the row is, youths the row may be): every shared field agrees, or some differs."""
        identities = self.identities  # builds the index by name on first use
        same, maybe = [], []
        for pk in dict.fromkeys(pk for key in identity.names() for pk in self.by_name.get(key, ())):
            other = identities[pk]
            if identity.other_year(other):
                continue
            (maybe if identity.differences(other) else same).append(pk)
        return same, maybe
