"""Synthetic records at any scale: ``manage.py synth --teams N --years Y --seed S``.

The demo (``loader.py``) is one real team's year, reproduced figure by figure.
This generator writes as many plausible teams and years as asked, for load
tests and benchmarks: each team covers two communes of three quartiers, and
each team-year holds about 70 youths (some followed for two to four years),
their situation histories and accompaniment paths, about five interventions per
accompanied youth, 65 collective actions, 120 presence sessions and 25
partnership meetings (``Volumes``).

Everything is drawn from ``random.Random`` seeded with the seed, the team's
number and the year, never from today's date: the same command writes the same
records (only the ``created_at`` timestamps differ), and a team's records do not
depend on how many teams are asked for.

Memory stays bounded whatever the size: records are built and written team by
team and year by year with ``bulk_create`` in batches (the many-to-many tables
too), and only the youths still followed are carried into the next year.
"""

from .outcome import SynthError, SynthOutcome, Volumes
from .run import synthesise

__all__ = ["SynthError", "SynthOutcome", "Volumes", "synthesise"]
