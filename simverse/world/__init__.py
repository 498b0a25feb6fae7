"""The world: file format, loading, state, clock and the Mesa model that runs it."""

from simverse.world.loader import WorldFileError, load_world
from simverse.world.model import World

__all__ = ["World", "WorldFileError", "load_world"]
