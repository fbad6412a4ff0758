"""Search that ignores case and accents, on PostgreSQL and SQLite alike.

PostgreSQL has the ``unaccent`` extension (installed by migration 0005). SQLite
has no such function: ``register_sqlite_unaccent`` gives every SQLite connection
one with the same name, so queries read the same on both databases.
"""

import unicodedata

from django.db.models import CharField, Func

# Letters unaccent turns into two, as PostgreSQL's unaccent does.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """``text`` as searches compare it: no accents, lower case, single spaces."""
    return " ".join(strip_accents(text).lower().split())


class Unaccent(Func):
    function = "unaccent"
    output_field = CharField()


def _unaccent(value: str | None) -> str | None:
    return None if value is None else strip_accents(value)


def register_sqlite_unaccent(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, _unaccent, deterministic=True)
