"""How far a reader can narrow a masked figure: its smallest and largest value over every
set of whole, non-negative numbers that agrees with what is published (an integer program
solved by HiGHS)."""

import math

import highspy
import numpy as np

from .solver import quiet_highs
from .system import System

# No count of a report comes near it: a bound the solver needs, read as "unbounded".
CEILING = 10_000_000
WHOLE = 1e-6  # a solution value this close to a whole number is one


def _solver(lp: highspy.HighsLp) -> highspy.Highs:
    highs = quiet_highs()
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.passModel(lp)
    return highs


class InconsistentFigures(Exception):
    """The published figures contradict each other (records changed between two issues)."""


class Ranges:
    """Ranges of the quantities of ``system``, those of ``hidden`` unknown to the reader;
    over whole numbers (``whole``), or over real numbers, faster and never narrower.

    Over whole numbers, each bound is first sought over real numbers: when the optimum
    found is made of whole numbers (as in most tables, whose sums link rows and columns),
    it is the whole-number optimum too, and the integer program is not needed."""

    def __init__(self, system: System, *, hidden: set[int], whole: bool = True):
        self.system = system
        self.hidden = set(hidden)
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
        self.relaxed = _solver(lp)
        self.exact = None
        if whole:
            lp.integrality_ = [highspy.HighsVarType.kInteger] * count
            self.exact = _solver(lp)
        self.solves = 0

    def _models(self) -> list[highspy.Highs]:
        return [model for model in (self.relaxed, self.exact) if model is not None]

    def _bounds(self, number: int, value: int | None) -> tuple[float, float]:
        if number in self.hidden or value is None:
            return 0.0, float(CEILING)
        return float(value), float(value)

    def hide(self, number: int) -> None:
        self.hidden.add(number)
        for model in self._models():
            model.changeColBounds(number, 0.0, float(CEILING))

    def _optimum(self, number: int, sense: float) -> float:
        value, whole = self._solve(self.relaxed, number, sense)
        if self.exact is None or whole:
            return value
        value, _whole = self._solve(self.exact, number, sense)
        return value

    def _solve(self, model: highspy.Highs, number: int, sense: float) -> tuple[float, bool]:
        """The optimum of ``model``, and whether the solution found is made of whole numbers."""
        model.changeColCost(number, sense)
        model.run()
        self.solves += 1
        status = model.getModelStatus()
        objective = model.getInfo().objective_function_value
        solution = np.array(model.getSolution().col_value)
        model.changeColCost(number, 0.0)  # after reading: a change of the model clears its solution
        if status == highspy.HighsModelStatus.kInfeasible:
            raise InconsistentFigures
        if status != highspy.HighsModelStatus.kOptimal:
            return (math.inf if sense < 0 else 0.0), False
        whole = bool(np.all(np.abs(solution - np.round(solution)) < WHOLE))
        return sense * objective, whole

    def point(self) -> np.ndarray:
        """One set of whole numbers agreeing with what is published: where the selection
        starts from for the figures whose value it does not know."""
        model = self.exact or self.relaxed
        model.run()
        if model.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise InconsistentFigures
        return np.round(np.array(model.getSolution().col_value))

    def lowest(self, number: int) -> float:
        return round(self._optimum(number, 1.0))

    def highest(self, number: int) -> float:
        value = round(self._optimum(number, -1.0))
        return math.inf if value >= CEILING else value

    def of(self, number: int) -> tuple[float, float]:
        return self.lowest(number), self.highest(number)
