"""One cell's value read as offices write it: dates (31/12/2023, 2023-12-31, Excel serial
numbers), decimals with a comma and spaces, integers; a French reason otherwise."""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .reading import ValueProblem

# Excel counts days from 30/12/1899 (its 1900 leap-year bug makes day 60 the phantom 29/02/1900).
EXCEL_EPOCH = datetime.date(1899, 12, 30)
# Serial numbers of 01/01/1910 and 31/12/2100: anything else is not a date of this domain.
EXCEL_SERIAL_RANGE = (3654, 73415)

_FRENCH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y/%m/%d")


def parse_date(value: Any) -> datetime.date:
    """31/12/2023, 2023-12-31, an Excel serial number (45291) or a date cell."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(value)
    text = str(value).strip()
    # "2023-12-31 00:00:00" or "31/12/2023 14:30": the time is not kept.
    text = text.split(" ")[0].split("T")[0]
    if re.fullmatch(r"\d{5}(?:[.,]0+)?", text):
        return _excel_serial(float(text.replace(",", ".")))
    if match := _FRENCH_DATE.fullmatch(text):  # the common case, without strptime's cost
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError as error:
            raise ValueProblem("date impossible (jour ou mois hors limites)") from error
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueProblem("date illisible (attendu JJ/MM/AAAA, par exemple 31/12/2023)")


def _excel_serial(value: float) -> datetime.date:
    low, high = EXCEL_SERIAL_RANGE
    if not low <= value <= high:
        raise ValueProblem("nombre qui n'est pas une date (attendu JJ/MM/AAAA)")
    return EXCEL_EPOCH + datetime.timedelta(days=int(value))


def parse_decimal(value: Any) -> Decimal:
    """12,5 or 12.5 or "1 234,50" (spaces as thousands separators)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    text = re.sub(r"[\s\u00a0\u202f]", "", str(value))
    if "," in text and "." in text:  # 1.234,50
        text = text.replace(".", "")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise ValueProblem("nombre illisible (attendu par exemple 12 ou 12,5)") from error


def parse_int(value: Any) -> int:
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise ValueProblem("nombre entier attendu")
    return int(number)
