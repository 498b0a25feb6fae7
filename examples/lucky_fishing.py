"""A custom action resolver: fishing that depends on the tide, not only on the weather.

Name it on an action in the world file, and simverse asks it before the action's rules:

    [[actions]]
    name = "fish"
    resolver = "examples.lucky_fishing:resolve_fish"

A resolver gets the call (actor, action, args) and the world state (read-only by
convention) and returns an :class:`~simverse.core.outcome.Outcome`, or ``None`` to let the
declared rules decide. Its effects are validated like an events model's before they apply.
"""

from __future__ import annotations

from typing import Any

from simverse.core.outcome import Outcome
from simverse.core.state import Effect, WorldState


def resolve_fish(call: Any, state: WorldState) -> Outcome | None:
    """At low tide the catch is poor: the fisher gets one coin and the stock is untouched."""
    if state.get("world", "tide") != "low":
        return None
    place = state.get(call.actor, "place")
    coins = state.get(call.actor, "coins") or 0
    return Outcome(kind="action", actor=call.actor, action=call.action, args=dict(call.args), success=True,
                   reason="", narration=f"{call.actor} fishes at low tide and lands a single sprat.", place=place,
                   effects=[Effect(call.actor, "coins", "set", coins + 1)], observers=[call.actor], source="plugin")
