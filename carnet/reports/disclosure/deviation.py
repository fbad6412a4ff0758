"""The cheapest set of figures to mask so that one masked figure can move.

For a masked figure ``q`` that a reader pins down too closely, find a change ``y`` of the
report's figures that keeps every relation true and every figure non-negative, moves ``q``
by ``target``, and touches visible figures as little as possible (each unit of change of
a visible figure costs that figure's cost; masked figures move for free). Masking every
figure the change touches lets ``q`` move that far whatever the reader knows: this is the
linear-programming heuristic of secondary suppression with protection levels (Kelly,
Golden and Assad; τ-Argus' "network" and "optimal" methods solve its exact form).
"""

import highspy
import numpy as np

from .solver import quiet_highs
from .system import System

TOUCHED = 1e-6


class Deviation:
    def __init__(self, system: System, *, movable: set[int], base: np.ndarray):
        """``movable``: the figures that may be masked or already are; the others stay as
        published. ``base``: the figures the change starts from (the true ones, and for those
        the team does not know — masked in an issued report, or of no published scope — a
        set agreeing with everything published)."""
        self.system = system
        count = len(system.quantities)
        self.count = count
        self.highs = quiet_highs()
        # Columns: y+ (0..count-1), then y- (count..2count-1).
        lower = np.zeros(2 * count)
        upper = np.zeros(2 * count)
        for number in range(count):
            if number in movable:
                upper[number] = highspy.kHighsInf
                upper[count + number] = base[number]
        self.upper = upper
        lp = highspy.HighsLp()
        lp.num_col_ = 2 * count
        lp.num_row_ = len(system.relations)
        lp.col_cost_ = np.zeros(2 * count)
        lp.col_lower_, lp.col_upper_ = lower, upper.copy()
        row_lower, row_upper = [], []
        starts, indices, values = [0], [], []
        for relation in system.relations:
            slack = 0.0
            for number, coefficient in relation.terms:
                indices += [number, count + number]
                values += [float(coefficient), -float(coefficient)]
                slack -= coefficient * base[number]
            starts.append(len(indices))
            # An inequality a·x <= 0 stays true: a·y <= -a·x.
            row_lower.append(-highspy.kHighsInf if relation.at_most else 0.0)
            row_upper.append(max(slack, 0.0) if relation.at_most else 0.0)
        lp.row_lower_, lp.row_upper_ = np.array(row_lower), np.array(row_upper)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(values)
        self.highs.passModel(lp)

    def cheapest(self, number: int, *, target: float, costs: np.ndarray) -> set[int] | None:
        """The figures a change moving ``number`` up by ``target`` touches (None: impossible).
        ``costs``: per figure, the cost of one unit of change (0 for the masked ones)."""
        count = self.count
        self.highs.changeColsCost(
            2 * count, np.arange(2 * count, dtype=np.int32), np.concatenate([costs, costs])
        )
        self.highs.changeColBounds(number, target, target)
        self.highs.changeColBounds(count + number, 0.0, 0.0)
        self.highs.run()
        status = self.highs.getModelStatus()
        solution = self.highs.getSolution().col_value if status == highspy.HighsModelStatus.kOptimal else None
        self.highs.changeColBounds(number, 0.0, self.upper[number])
        self.highs.changeColBounds(count + number, 0.0, self.upper[count + number])
        if solution is None:
            return None
        return {
            other
            for other in range(count)
            if other != number and solution[other] + solution[count + other] > TOUCHED
        }
