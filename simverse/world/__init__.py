"""The world on top of the layers: ``World(mesa.Model)`` and the phases of its step.

* :mod:`~simverse.world.model` — :class:`World`: construction, resume, run, directing verbs.

World files, state and clock live in :mod:`simverse.core`; the middle packages (agents,
events, memory, knowledge, llm) never import this one.
"""

from simverse.core.loader import WorldFileError, load_world
from simverse.world.model import World

__all__ = ["World", "WorldFileError", "load_world"]
