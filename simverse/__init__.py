"""simverse: worlds full of LLM-driven NPCs, batched, seeded, replayable and stored in SQLite.

The public entry points are :class:`simverse.world.World` (a ``mesa.Model``), the
``simverse`` command line (:mod:`simverse.cli`) and :func:`simverse.open`, which reads a
stored run (or a sweep's results) as DataFrames (:mod:`simverse.analysis`).
"""

from simverse.analysis import open_runs as open

__version__ = "0.1.0"
__all__ = ["open"]
