"""How far a reader can narrow a masked figure: its smallest and largest value over every
set of whole, non-negative numbers that agrees with what is published (an integer program
solved by HiGHS)."""

import math

import highspy
import numpy as np

from .system import System

# No count of a report comes near it: a bound the solver needs, read as "unbounded".
CEILING = 10_000_000


class InconsistentFigures(Exception):
    """The published figures contradict each other (records changed between two issues)."""


class Ranges:
    """Ranges of the quantities of ``system``, those of ``hidden`` unknown to the reader;
    over whole numbers (``whole``), or over real numbers, faster and never narrower."""

    def __init__(self, system: System, *, hidden: set[int], whole: bool = True):
        self.system = system
        self.hidden = set(hidden)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("mip_rel_gap", 0.0)
        count = len(system.quantities)
        lower, upper = np.zeros(count), np.zeros(count)
        for number, quantity in enumerate(system.quantities):
            lower[number], upper[number] = self._bounds(number, quantity.value)
        lp = highspy.HighsLp()
        lp.num_col_ = count
        lp.num_row_ = len(system.relations)
        lp.col_cost_ = np.zeros(count)
        lp.col_lower_, lp.col_upper_ = lower, upper
        lp.row_lower_ = np.array(
            [-highspy.kHighsInf if relation.at_most else 0.0 for relation in system.relations]
        )
        lp.row_upper_ = np.zeros(len(system.relations))
        starts, indices, values = [0], [], []
        for relation in system.relations:
            for number, coefficient in relation.terms:
                indices.append(number)
                values.append(float(coefficient))
            starts.append(len(indices))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(values)
        if whole:
            lp.integrality_ = [highspy.HighsVarType.kInteger] * count
        self.highs.passModel(lp)
        self.solves = 0

    def _bounds(self, number: int, value: int | None) -> tuple[float, float]:
        if number in self.hidden or value is None:
            return 0.0, float(CEILING)
        return float(value), float(value)

    def hide(self, number: int) -> None:
        self.hidden.add(number)
        self.highs.changeColBounds(number, 0.0, float(CEILING))

    def show(self, number: int) -> None:
        self.hidden.discard(number)
        value = float(self.system.quantities[number].value)
        self.highs.changeColBounds(number, value, value)

    def _optimum(self, number: int, sense: float) -> float:
        self.highs.changeColCost(number, sense)
        self.highs.run()
        self.solves += 1
        status = self.highs.getModelStatus()
        objective = self.highs.getInfo().objective_function_value
        self.highs.changeColCost(number, 0.0)
        if status == highspy.HighsModelStatus.kInfeasible:
            raise InconsistentFigures
        if status != highspy.HighsModelStatus.kOptimal:
            return math.inf if sense < 0 else 0.0
        return sense * objective

    def point(self) -> np.ndarray:
        """One set of whole numbers agreeing with what is published: where the selection
        starts from for the figures whose value it does not know."""
        self.highs.changeColsCost(
            len(self.system.quantities),
            np.arange(len(self.system.quantities), dtype=np.int32),
            np.zeros(len(self.system.quantities)),
        )
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise InconsistentFigures
        return np.round(np.array(self.highs.getSolution().col_value))

    def lowest(self, number: int) -> float:
        return round(self._optimum(number, 1.0))

    def highest(self, number: int) -> float:
        value = round(self._optimum(number, -1.0))
        return math.inf if value >= CEILING else value

    def of(self, number: int) -> tuple[float, float]:
        return self.lowest(number), self.highest(number)
