"""What the phone is given to work without network: as little personal data as the entries need."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from carnet.youths.models import Youth

# The phone's copy of a youth: enough to pick them in an entry, nothing more (no surname,
# birth date, situation, accompaniment or note).
DIRECTORY_FIELDS = ("id", "first_name", "nickname", "code", "commune__name", "team_id")
# The pages the phone keeps a copy of (each answers with pages.OFFLINE_HEADER).
OFFLINE_PAGES = (
    "activity:index",
    "activity:presence_create",
    "activity:intervention_create",
    "activity:action_create",
    "youths:create",
    "offline:outbox",
)
# The entries the phone keeps when they cannot be sent: the form's address, and its kind.
OFFLINE_ENTRIES = {
    "activity:presence_create": "presence",
    "activity:intervention_create": "intervention",
    "activity:action_create": "action",
    "youths:create": "youth",
}


def phone_directory(*, youths: QuerySet[Youth]) -> list[dict[str, Any]]:
    """Of ``youths`` (the educator's, through the permission layer), what the phone keeps to
    name them in an entry."""
    rows = youths.order_by("first_name", "nickname", "code", "id").values(*DIRECTORY_FIELDS)
    return [
        {
            "id": row["id"],
            "first_name": row["first_name"],
            "nickname": row["nickname"],
            "code": row["code"],
            "commune": row["commune__name"] or "",
            "team": row["team_id"],
        }
        for row in rows
    ]


def offline_pages() -> list[str]:
    return [reverse(name) for name in OFFLINE_PAGES]


def offline_entries() -> dict[str, str]:
    return {reverse(name): kind for name, kind in OFFLINE_ENTRIES.items()}
