"""simverse: worlds full of LLM-driven NPCs, batched, seeded, replayable and stored in SQLite.

The public entry points are :class:`simverse.world.World` (a ``mesa.Model``) and the
``simverse`` command line (:mod:`simverse.cli`).
"""

__version__ = "0.1.0"
