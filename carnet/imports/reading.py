"""Reading spreadsheets as offices produce them: CSV (``;`` or ``,``, UTF-8, UTF-16 or
Windows-1252) and XLSX, within the limits of ``limits`` (zip and XLSX bombs).

A sheet is read into its header row and its data rows, each row keeping the
number the user sees in the spreadsheet, so that every error can point at it.
Values stay raw here (text, numbers, dates from XLSX); ``cells.parse_*`` turn them
into dates and numbers, raising ``ValueProblem`` with a French reason.
"""

import csv
import datetime
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from . import limits

# Rows looked at to find the header below a title or a two-row header.
HEADER_SEARCH_ROWS = 15
# What a spreadsheet reads as the start of a formula (OWASP, "CSV injection"): Carnet's CSV
# exports write such a text behind an apostrophe, which reading takes off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet; the message is for users, in French."""


class ValueProblem(ValueError):
    """A value that cannot be read; the message is the French reason shown to the user."""


@dataclass(frozen=True)
class RowError:
    """One refused value: where it is in the spreadsheet, what it is, and why."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"ligne {self.row}"
        if self.column:
            where += f", colonne « {self.column} »"
        value = f" : « {self.value} »" if self.value else ""
        return f"{where}{value} — {self.reason}"


@dataclass(frozen=True)
class SheetRow:
    number: int  # as shown by the spreadsheet software, the header row included
    values: tuple[Any, ...]


@dataclass
class Sheet:
    headers: list[str]
    rows: list[SheetRow]
    header_row: int


@functools.lru_cache(maxsize=65536)
def _normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = text.replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def normalise(text: Any) -> str:
    """Lower case, no accents, no punctuation, single spaces: "  Né(e)  le " → "ne e le"."""
    return _normalise_text(str(text or ""))


def is_blank(value: Any) -> bool:
    if isinstance(value, list | tuple):  # a list of a JSON document
        return not value
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: Any) -> str:
    """A value as the user typed it, for error messages."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list | tuple):
        return "; ".join(display(part) for part in value)
    if isinstance(value, datetime.datetime):
        return f"{value:%d/%m/%Y}" if value.time() == datetime.time() else f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- Files ------------------------------------------------------------------------------


def read_sheet(
    content: bytes, filename: str, *, header_score: Callable[[list[str]], int] | None = None
) -> Sheet:
    """The first sheet of an XLSX file or the table of a CSV file.

    The header is the row, among the first ones, whose cells ``header_score``
    recognises best (a title above the table is skipped); by default the first
    non-blank row.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix in {".xlsx", ".xlsm"} or content[:2] == b"PK":
        raw_rows = _xlsx_rows(content)
    elif suffix in {".csv", ".txt", ""}:
        raw_rows = _csv_rows(content)
    else:
        raise UnreadableFile(f"Format de fichier non pris en charge ({suffix}) : utilisez CSV ou XLSX.")
    try:
        return _table(_within_limits(raw_rows), header_score)
    except limits.TooLarge as problem:
        raise UnreadableFile(str(problem)) from problem


def _within_limits(raw_rows: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    for number, values in raw_rows:
        limits.check_row(number, values)
        yield number, values


def _table(raw_rows: Iterator[tuple[int, list[Any]]], header_score) -> Sheet:
    candidates: list[tuple[int, list[Any]]] = []
    for number, values in raw_rows:
        if all(is_blank(value) for value in values):
            continue
        candidates.append((number, values))
        if len(candidates) >= HEADER_SEARCH_ROWS:
            break
    if not candidates:
        raise UnreadableFile("Le fichier est vide : aucune ligne d'en-tête trouvée.")
    header_at = 0
    if header_score is not None:
        scores = [header_score([display(value) for value in values]) for _, values in candidates]
        header_at = max(range(len(scores)), key=lambda index: (scores[index], -index))
    header_number, header_values = candidates[header_at]
    headers = [" ".join(display(value).split()) for value in header_values]
    # Trailing empty columns (a spreadsheet's formatting reaching far right) are not columns.
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    rows = []
    for number, values in [*candidates[header_at + 1 :], *raw_rows]:
        values = list(values[:width]) + [None] * (width - len(values))
        if all(is_blank(value) for value in values):
            continue
        rows.append(SheetRow(number, tuple(values)))
    return Sheet(headers=headers, rows=rows, header_row=header_number)


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (Excel's « Texte Unicode »), else Windows-1252:
    what French office software writes."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    if encoding := _utf16(content):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError as error:
            raise UnreadableFile("Le fichier semble en UTF-16 mais ne peut pas être lu ainsi.") from error
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def neutralise_formula(text: str) -> str:
    """``text`` as a spreadsheet shows it without computing it: "=HYPERLINK(…)" → "'=HYPERLINK(…)".
    A plain number ("-3", "+33") stays as it is: it computes nothing."""
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _unneutralise(text: str) -> str:
    return text[1:] if text[:1] == "'" and text[1:].startswith(FORMULA_STARTS) else text


def _utf16(content: bytes) -> str | None:
    """ "utf-16" (its BOM says the byte order), "utf-16-le" or "-be" when every other byte of
    the start is zero (text in Latin letters without a BOM), else None."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    start = content[:2000]
    if len(start) >= 4 and len(start) % 2 == 0:
        if start[1::2].count(0) > len(start) * 0.4 and not start[0::2].count(0):
            return "utf-16-le"
        if start[0::2].count(0) > len(start) * 0.4 and not start[1::2].count(0):
            return "utf-16-be"
    return None


def _csv_rows(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    text = decode(content)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # The standard reader stops at a cell of 128 KB: a text, not a table.
            raise limits.TooLarge(
                f"Ligne {reader.line_num} : une cellule dépasse 128 Ko ; une cellule de tableur "
                f"tient en {limits.number(limits.MAX_CELL_CHARS)} caractères au plus."
            ) from error
        yield line, [_unneutralise(value) for value in values]
        # A quoted value may span lines: the next record starts on the reader's next line.
        line = reader.line_num + 1


def _delimiter(text: str) -> str:
    """The separator that shows most in the first lines: every row has its separators,
    while a comma inside a value ("J1, J2") shows in a few rows only. (The standard sniffer
    is misled by such values in short files.)"""
    lines = [line for line in text[:20_000].splitlines() if line.strip()][:20]
    counts = {delimiter: sum(line.count(delimiter) for line in lines) for delimiter in ";,\t"}
    return max(counts, key=lambda delimiter: (counts[delimiter], delimiter == ";"))


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl  # imported here: only XLSX imports pay for it

    _check_xlsx_archive(content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged or foreign file
        raise UnreadableFile(
            "Le fichier XLSX ne peut pas être lu (fichier abîmé ou d'un autre format)."
        ) from error
    sheet = workbook.worksheets[0]
    merged = _merged_ranges(content, getattr(sheet, "_worksheet_path", ""))
    top_left: dict[tuple[int, int], Any] = {}
    # Rows as the sheet holds them, not as its declared dimension says (a million empty rows),
    # cut at the column limit: formatting declared over thousands of empty columns costs nothing.
    sheet.reset_dimensions()
    _refuse_values_beyond_the_column_limit(sheet)
    cells = sheet.iter_rows(values_only=True, max_col=limits.MAX_COLUMNS)
    try:
        for number, row in enumerate(cells, start=1):
            # An empty row (openpyxl fills the gap before a far row with them) costs nothing.
            values = [] if row.count(None) == len(row) else list(row)
            for min_row, max_row, min_col, max_col in merged:
                if not min_row <= number <= max_row:
                    continue
                if number == min_row:
                    top_left[min_row, min_col] = values[min_col - 1] if min_col <= len(values) else None
                # A merged cell shows its top-left value over its whole area.
                values.extend([None] * (max_col - len(values)))
                for column in range(min_col, max_col + 1):
                    values[column - 1] = top_left[min_row, min_col]
            yield number, values
    finally:
        workbook.close()


def _refuse_values_beyond_the_column_limit(sheet) -> None:
    """A value right of the column limit is refused rather than silently cut off.

    openpyxl's read-only sheet cuts each parsed row to ``max_col`` in ``_get_row``; the row's
    cells are looked at there, before the cut (openpyxl is pinned in requirements.txt).
    """
    cut = sheet._get_row

    def get_row(row, min_col=1, max_col=None, values_only=False):
        if row and row[-1]["column"] > limits.MAX_COLUMNS:
            for cell in row:
                if cell["column"] > limits.MAX_COLUMNS and not is_blank(cell["value"]):
                    raise limits.columns_refused(cell["row"])
        return cut(row, min_col, max_col, values_only)

    sheet._get_row = get_row


def _check_xlsx_archive(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            limits.check_archive(archive, what="Le fichier XLSX")
    except zipfile.BadZipFile as error:
        raise UnreadableFile(
            "Le fichier XLSX ne peut pas être lu (fichier abîmé ou d'un autre format)."
        ) from error
    except limits.TooLarge as problem:
        raise UnreadableFile(str(problem)) from problem


def _merged_ranges(content: bytes, worksheet_path: str) -> list[tuple]:
    """Merged areas of the sheet as (first row, last row, first column, last column).

    openpyxl's read-only mode does not give them, so they are read from the sheet's XML
    (they come after the cells); only areas starting in the first rows matter (headers).
    """
    if not worksheet_path:
        return []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        try:
            xml = _tail_from(archive, worksheet_path.lstrip("/"), b"<mergeCells")
        except KeyError:
            return []
    start = xml.rfind("<mergeCells")
    if start < 0:
        return []
    from openpyxl.utils.cell import range_boundaries

    areas = []
    for ref in re.findall(r'<mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"', xml[start:]):
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row <= HEADER_SEARCH_ROWS * 2:
            areas.append((min_row, max_row, min_col, max_col))
    return areas


def _tail_from(archive: zipfile.ZipFile, name: str, marker: bytes) -> str:
    """The member's text from the last ``marker`` on, read by chunks: a sheet's XML runs to
    tens of megabytes and is not held whole in memory for its last lines."""
    tail = b""
    with archive.open(name) as member:
        while chunk := member.read(1 << 20):
            tail += chunk
            found = tail.rfind(marker)
            # Kept: from the last marker, else the end (a marker cut between two chunks).
            tail = tail[found:] if found >= 0 else tail[-len(marker) :]
    return tail.decode("utf-8", errors="replace") if tail.startswith(marker) else ""
