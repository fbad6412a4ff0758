"""Hostile files as an attacker builds them: small archives that expand beyond reason.

Written by streaming, so that building a 300 MB sheet costs a few megabytes of memory.
"""

import io
import zipfile
from pathlib import Path

from .conftest import xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"
CHUNK = 1 << 20


def _copy_except(source: bytes, target: zipfile.ZipFile, skipped: str) -> None:
    with zipfile.ZipFile(io.BytesIO(source)) as original:
        for info in original.infolist():
            if info.filename != skipped:
                target.writestr(info, original.read(info))


def xlsx_with_sheet(path: Path, rows_xml, *, header=("Identifiant", "Prénom")) -> Path:
    """An XLSX whose first sheet's XML is ``rows_xml`` (an iterable of bytes) inside sheetData."""
    template = xlsx_bytes([list(header)])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _copy_except(template, archive, SHEET)
        with archive.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for part in rows_xml:
                sheet.write(part)
            sheet.write(b"</sheetData></worksheet>")
    return path


def inline_row(number: int, values: list[str]) -> bytes:
    cells = "".join(
        f'<c r="{_column(index)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for index, value in enumerate(values, start=1)
    )
    return f'<row r="{number}">{cells}</row>'.encode()


def _column(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_bomb(path: Path, expanded: int) -> Path:
    """A sheet of ``expanded`` bytes of rows (the 310 KB file holding a 300 MB sheet)."""
    row = inline_row(2, ["J1", "Inès" * 10])
    rows = (row for _ in range(expanded // len(row)))
    return xlsx_with_sheet(path, _chunks(rows))


def _chunks(parts):
    buffer = []
    size = 0
    for part in parts:
        buffer.append(part)
        size += len(part)
        if size >= CHUNK:
            yield b"".join(buffer)
            buffer, size = [], 0
    yield b"".join(buffer)


def zip_bomb(path: Path, expanded: int, *, name: str = "jeunes.csv") -> Path:
    """An export package whose youths' file expands to ``expanded`` bytes (the 204 KB package
    expanding to 200 MB)."""
    line = "J1;Inès;;;;F;;2008;Montigny-en-Gohelle;;;\r\n".encode()
    block = line * (CHUNK // len(line))
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        member.write(b"Identifiant;Pr\xc3\xa9nom\r\n")
        for _ in range(expanded // len(block)):
            member.write(block)
    return path
