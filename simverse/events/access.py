"""Access: what every action obeys without its rules saying so.

* a place is *shut* when ``closed``, ``flooded`` or ``burning`` is true: no one may move
  into it (those inside may stay, act and leave), and an action naming it as an argument
  fails;
* ``move`` fails along a connection that is closed or locked;
* a *locked container* (an item, or a place, whose ``locked`` is true) keeps what is in it:
  an action naming a locked item, or an item lying at a locked place, fails — unless the
  action's own effects unlock it (``X.locked = false``), which is how a key works.

Each check returns the reason (naming the place, connection or container) or ``""``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from simverse.core.rules import EffectRule
from simverse.core.state import WorldState

SHUT_WORDS = {"closed": "closed", "flooded": "flooded", "burning": "on fire"}


def route_key(a: str, b: str) -> str:
    """The key of an undirected connection, as stored in ``closed_routes`` / ``locked_routes``."""
    return "|".join(sorted((a, b)))


def move_problem(state: WorldState, here: str, target: str) -> str:
    """Why an NPC at ``here`` cannot walk to the neighbouring ``target`` now, or ``""``."""
    route = state.route_state(route_key(here, target))
    if route != "open":
        return f"the way from {here} to {target} is {route}"
    shut = state.shut(target)
    return f"{target} is {SHUT_WORDS[shut]}" if shut else ""


def access_problem(
    state: WorldState, kinds: Mapping[str, str], bindings: Mapping[str, str], effects: Sequence[EffectRule]
) -> str:
    """Why an action with these bound arguments may not touch what they name, or ``""``."""
    unlocked = _unlocked(effects, bindings)
    for arg, kind in kinds.items():
        value = bindings.get(arg)
        if value is None or value not in state.entities:
            continue
        if kind == "place":
            shut = state.shut(value)
            if shut:
                return f"{value} is {SHUT_WORDS[shut]}"
        if kind == "item":
            if state.entities[value].get("locked") is True and value not in unlocked:
                return f"{value} is locked"
            where = state.entities[value].get("place")
            if (isinstance(where, str) and state.kinds.get(where) == "place"
                    and state.entities[where].get("locked") is True and where not in unlocked):
                return f"{value} is locked away in {where}"
    return ""


def _unlocked(effects: Sequence[EffectRule], bindings: Mapping[str, str]) -> set[str]:
    """Entities the action's own effects unlock (``X.locked = false``)."""
    out = set()
    for rule in effects:
        if rule.op == "set" and rule.prop == "locked" and rule.value.literal is False and len(rule.target.path) == 1:
            out.add(bindings.get(rule.role, rule.role))
    return out
