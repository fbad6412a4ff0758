"""One team's year: plans and writes its youths and activity records."""

import random

from .activity import _ActivityRecords
from .dates import _calendar
from .outcome import Volumes
from .plan import _Pool, _Youth
from .structure import _Team, _World
from .writer import _Writer
from .youths import _YouthRecords


class _TeamYear(_YouthRecords, _ActivityRecords):
    def __init__(
        self,
        *,
        world: _World,
        team: _Team,
        year: int,
        last_year: int,
        rng: random.Random,
        volumes: Volumes,
        writer: _Writer,
    ) -> None:
        self.world, self.team, self.year, self.last_year = world, team, year, last_year
        self.rng, self.volumes, self.writer = rng, volumes, writer
        self.calendar = _calendar(year)
        self.ref = world.ref

    def jittered(self, n: int) -> int:
        return max(1, round(n * self.rng.uniform(0.85, 1.15)))

    def write(self, *, continuing: list[_Youth]) -> list[_Youth]:
        """Write the year's records; return the youths followed into the next year."""
        sessions = self._plan_sessions(self.jittered(self.volumes.sessions))
        target = self.jittered(self.volumes.youths)
        new = self._plan_youths(max(target - len(continuing), round(0.3 * target)), sessions)
        self._save_youths(new)
        present = continuing + new
        pools = {None: _Pool(present)} | {
            c.pk: _Pool([y for y in present if y.commune is c]) for c in self.team.communes
        }
        self._name_known_youths(sessions, pools)
        self._save_sessions(sessions)
        self._save_interventions(present)
        self._save_actions(pools)
        self._save_meetings()
        return [y for y in present if y.last_year > self.year]
