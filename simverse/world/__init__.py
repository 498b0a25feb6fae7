"""The world: file format, loading, state, clock and the Mesa model that runs it.

``World`` is imported on first use, so that lower packages (events, agents) can import
``simverse.world.schema`` and friends without pulling in the model, which imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simverse.world.loader import WorldFileError, load_world

if TYPE_CHECKING:
    from simverse.world.model import World

__all__ = ["World", "WorldFileError", "load_world"]


def __getattr__(name: str) -> Any:
    if name == "World":
        from simverse.world.model import World

        return World
    raise AttributeError(f"module 'simverse.world' has no attribute {name!r}")
