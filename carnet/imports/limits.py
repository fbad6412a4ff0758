"""How big a file Carnet agrees to read: zip and XLSX bombs are refused before they expand.

An XLSX file and an export's ZIP are zip archives: a few hundred kilobytes may expand
to gigabytes. Their members' sizes are read from the archive's directory and checked
before any member is opened (Python's zip reader never gives more bytes than a member
declares); rows, columns and cells are then counted as they are read, so that a sheet
declaring a million rows or a single cell of 300 MB stops at the limit. Every refusal
names the limit, in French.

The limits leave room for the largest files of the domain: an organisation's history of
50,000 interventions fits in an XLSX expanding to about 40 MB.
"""

import zipfile

from django.utils.translation import gettext as _

MAX_EXPANDED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 200
MAX_ROWS = 200_000
MAX_COLUMNS = 100
# Excel's own limit for a cell; the standard CSV reader stops at 128 KB.
MAX_CELL_CHARS = 32_767


def number(value: int) -> str:
    """200 000: thousands apart as French writes them."""
    return f"{value:,}".replace(",", "\u202f")


class TooLarge(Exception):
    """A file beyond one of the limits; the message is for users, in French (reading gives it
    as an ``UnreadableFile``)."""


def check_archive(archive: zipfile.ZipFile, *, what: str) -> None:
    """Refuse an archive of too many members, or whose members expand beyond the limit."""
    members = archive.infolist()
    if len(members) > MAX_ENTRIES:
        raise TooLarge(
            _("%(what)s contient %(count)s fichiers : Carnet en lit %(limit)s au plus.")
            % {"what": what, "count": number(len(members)), "limit": MAX_ENTRIES}
        )
    expanded = sum(member.file_size for member in members)
    if expanded > MAX_EXPANDED_BYTES:
        raise TooLarge(
            _(
                "%(what)s se décompresse en %(size)s Mo : Carnet lit %(limit)s Mo au plus une fois "
                "décompressé. Découpez le fichier (par exemple par année)."
            )
            % {
                "what": what,
                "size": -(-expanded // (1024 * 1024)),
                "limit": MAX_EXPANDED_BYTES // (1024 * 1024),
            }
        )


def rows_refused(row: int) -> TooLarge:
    return TooLarge(
        _("Le tableau dépasse %(limit)s lignes (ligne %(row)s) : découpez-le (par exemple par année).")
        % {"limit": number(MAX_ROWS), "row": number(row)}
    )


def columns_refused(row: int) -> TooLarge:
    return TooLarge(
        _("Ligne %(row)s : le tableau a plus de %(limit)s colonnes, Carnet en lit %(limit)s au plus.")
        % {"row": row, "limit": MAX_COLUMNS}
    )


def cell_refused(row: int, column: int) -> TooLarge:
    return TooLarge(
        _(
            "Ligne %(row)s, colonne %(column)s : la cellule dépasse %(limit)s caractères, "
            "la limite d'une cellule de tableur."
        )
        % {"row": row, "column": column, "limit": number(MAX_CELL_CHARS)}
    )


def check_row(number: int, values: list) -> None:
    """Refuse a row beyond the limits of rows, columns and cell size."""
    if number > MAX_ROWS:
        raise rows_refused(number)
    if len(values) > MAX_COLUMNS and any(value not in (None, "") for value in values[MAX_COLUMNS:]):
        raise columns_refused(number)
    for position, value in enumerate(values, start=1):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise cell_refused(number, position)
