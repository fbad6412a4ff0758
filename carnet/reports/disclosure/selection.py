"""Which figures to mask: the small counts (primary), then as few others as possible so
that no masked figure can be recomputed or proven small (secondary), checked by integer
programming.

The rule (docs/counting-rules.md, « Secret statistique »): over every set of whole,
non-negative numbers agreeing with what is published, each masked figure can take at
least three values, and a masked count of 1 to threshold − 1 youths can reach the
threshold.

The secondary selection: while a masked figure fails the rule, mask the figures of the
cheapest change that moves it far enough (``deviation.py``). Masking more never narrows a
range, so a figure that passed stays protected. The selection first reasons over real
numbers (fast), then checks every masked figure over whole numbers, extending the masking
where a whole-number reader would narrow it more; the ranges of that last pass are the
proof kept for the team leader and the tests.
"""

from dataclasses import dataclass

import numpy as np

from ..rules import keys
from .deviation import Deviation
from .ranges import Ranges
from .system import System

# A zero cannot absorb a decrease, and a masked zero must be protected too: the last resort.
ZERO_COST = 4.0


@dataclass(frozen=True)
class Protection:
    system: System
    hidden: frozenset[int]
    primary: frozenset[int]
    ranges: dict[int, tuple[float, float]]  # of every masked quantity that was printed
    threshold: int

    def failures(self) -> list[int]:
        return [
            number
            for number, (low, high) in self.ranges.items()
            if not protected(low, high, self.system.quantities[number].value, self.threshold)
        ]


def protected(low: float, high: float, value: int | None, threshold: int) -> bool:
    """The rule, for one masked figure whose range is ``low``..``high``."""
    if high - low < 2:
        return False
    if value is None or 0 < value < threshold:
        return high >= threshold
    return True


def primary_cells(system: System, *, scopes: set[int], threshold: int) -> set[int]:
    """Counts of 1 to threshold − 1 youths, and the interventions of a domain with so few youths."""
    small = set()
    for number, quantity in enumerate(system.quantities):
        if quantity.scope not in scopes or not quantity.places or not quantity.youths:
            continue
        if quantity.value is not None and 0 < quantity.value < threshold:
            small.add(number)
            if quantity.key[0] == keys.DOMAINS:
                small.add(system.index[(quantity.scope, (keys.DOMAINS, quantity.key[1], keys.INTERVENTIONS))])
    # The goals reviewed of one or two youths' projects say what these youths are working on.
    few_reviewed = {
        quantity.scope
        for number, quantity in enumerate(system.quantities)
        if number in small and quantity.key == (keys.PAEI_REVIEWED,)
    }
    small |= {
        number
        for number, quantity in enumerate(system.quantities)
        if quantity.scope in few_reviewed and quantity.key[0] == keys.PAEI_GOALS and quantity.value
    }
    return small


def select(system: System, *, threshold: int, free: set[int], hidden: set[int] = frozenset()) -> Protection:
    """Mask the primary cells of the reports ``free`` (scope numbers) and what protects them,
    and every masked figure already published (``hidden``, in reports that cannot change)."""
    primary = primary_cells(system, scopes=free, threshold=threshold)
    printed = {number for number, quantity in enumerate(system.quantities) if quantity.places}
    masked = set(primary) | set(hidden)
    unknown = {number for number in range(len(system.quantities)) if number not in printed}
    # The selection reasons over real numbers (fast); the check over whole numbers, and it
    # extends the masking where a whole-number reader would narrow a figure more.
    base = Ranges(system, hidden=set()).point()
    selector = _Selector(
        system, Ranges(system, hidden=masked | unknown, whole=False), masked, threshold, free, printed, base
    )
    selector.run(sorted(masked, key=lambda number: system.quantities[number].value or 0))
    selector.ranges = Ranges(system, hidden=masked | unknown)
    final = selector.run(sorted(masked))
    # Should the cheapest change find nothing left to mask for a figure (a rare pattern of
    # zeros), its neighbours in every relation are masked, until the rule holds or none is left.
    while failing := Protection(system, frozenset(masked), frozenset(primary), final, threshold).failures():
        if not selector.widen(failing):
            break
        final = selector.run(sorted(masked))
    # A figure masked to protect others that what is published pins to one value (a zero of a
    # commune whose team printed zero) protects nothing: the other ranges do not depend on it,
    # and printed it tells the reader nothing more. It is printed rather than shown « s » with
    # a range of one value.
    pinned = {
        number
        for number, (low, high) in final.items()
        if number not in primary and number not in hidden and high - low < 0.5
    }
    masked -= pinned
    final = {number: bounds for number, bounds in final.items() if number not in pinned}
    return Protection(system, frozenset(masked), frozenset(primary), final, threshold)


class _Selector:
    def __init__(self, system, ranges, masked, threshold, free, printed, base):
        self.system, self.ranges, self.masked, self.base = system, ranges, masked, base
        self.threshold = threshold
        self.maskable = {
            number
            for number in printed
            if system.quantities[number].scope in free and system.quantities[number].value is not None
        }
        unknown = {number for number in range(len(system.quantities)) if number not in printed}
        self.deviation = Deviation(system, movable=self.maskable | masked | unknown, base=base)
        self.unit_costs = np.array(
            [
                (ZERO_COST if quantity.value == 0 else quantity.cost) + (quantity.value or 0) / 1000
                for quantity in system.quantities
            ]
        )
        self.unit_costs[list(unknown)] = 0.0

    def run(self, pending: list[int]) -> dict[int, tuple[float, float]]:
        """Protect every figure of ``pending``; the ranges of every masked figure at the end."""
        ranges: dict[int, tuple[float, float]] = {}
        changed = False
        while pending:
            number = pending.pop(0)
            low, high = self.ranges.of(number)
            ranges[number] = (low, high)
            if protected(low, high, self.system.quantities[number].value, self.threshold):
                continue
            added = self.protect(number, low, high)
            if added:
                changed = True
                pending = [*sorted(added), number, *pending]
        if changed:
            ranges = {number: self.ranges.of(number) for number in sorted(self.masked)}
        return ranges

    def widen(self, failing: list[int]) -> list[int]:
        """Mask every maskable figure sharing a relation with one of ``failing``."""
        added = sorted(
            {
                other
                for relation in self.system.relations
                if any(number in failing for number, _coefficient in relation.terms)
                for other, _coefficient in relation.terms
                if other in self.maskable and other not in self.masked
            }
        )
        for other in added:
            self.ranges.hide(other)
            self.masked.add(other)
        return added

    def protect(self, number: int, low: float, high: float) -> list[int]:
        """Mask what lets ``number`` move far enough; the figures masked (none if none helps)."""
        value = self.system.quantities[number].value
        reach = self.threshold if value is None or 0 < value < self.threshold else (value or 0) + 2
        target = max(reach, low + 2) - self.base[number]
        costs = self.unit_costs.copy()
        costs[list(self.masked)] = 0.0
        for extra in range(3):
            touched = self.deviation.cheapest(number, target=max(target, 1) + extra, costs=costs)
            added = sorted((touched or set()) - self.masked)
            if added:
                for other in added:
                    self.ranges.hide(other)
                    self.masked.add(other)
                return added
        return []
