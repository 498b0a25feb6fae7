"""A custom metric: any function of the world, collected every step by the DataCollector
and reported by sweeps as a series and as a whole-run figure (its last value).

    [settings]
    metrics = ["examples.metrics:hungry_share"]
"""

from __future__ import annotations

from typing import Any


def hungry_share(world: Any) -> float:
    """The share of NPCs whose hunger is above one half."""
    npcs = list(world.npcs.values())
    return sum(npc.hunger > 0.5 for npc in npcs) / max(1, len(npcs))
