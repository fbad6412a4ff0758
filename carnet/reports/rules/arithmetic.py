"""The one rounding rule of the report: half up, in integer arithmetic."""

from decimal import Decimal


def divide_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to the nearest whole number, halves upwards."""
    return (2 * numerator + denominator) // (2 * denominator)


def percent(part: int, whole: int) -> int:
    """``part`` as a whole percentage of ``whole``, rounded half up; 0 when ``whole`` is 0."""
    if not whole:
        return 0
    return divide_half_up(100 * part, whole)


def average(total: int, count: int) -> int | None:
    """The mean of ``count`` values summing to ``total``, rounded half up; None without values."""
    if not count:
        return None
    return divide_half_up(total, count)


def hours(minutes: int) -> Decimal:
    """Minutes as hours with one decimal, rounded half up (2.8 for 165 minutes)."""
    tenths = divide_half_up(10 * minutes, 60)
    return Decimal(tenths).scaleb(-1)
