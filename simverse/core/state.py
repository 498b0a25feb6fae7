"""All mutable world state as plain, JSON-able data, changed only through effects.

Entities are NPCs, places, items and the ``world`` (environment). Each is a dict of
properties. NPCs carry ``place``, ``coins``, ``hunger``, ``mood``, ``inventory`` (a list of
item ids); items carry ``place`` (a place id or the NPC holding it), ``quantity`` and
``price``; the world carries ``weather``, ``time`` (``HH:MM``) and ``day``. Connections
are open unless listed in ``closed_routes`` or ``locked_routes`` (keys ``"a|b"``, a < b;
a connection is in at most one of them).

Reads go through scopes (:meth:`WorldState.get`): a place's property that the place does
not set reads the world's, so ``here.weather`` is the place's own weather when a scene gave
it one, else the world's. The state can be copied (for predictions), snapshotted into the
store and restored on resume.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from simverse.core.schema import HHMM, MAX_INT, WorldSpec

EFFECT_OPS = ("set", "add", "remove", "move")
ROUTE_LISTS = ("closed_routes", "locked_routes")
SHUT_FLAGS = ("closed", "flooded", "burning")
"""A place is shut (no one may enter) when any of these is true."""
MAX_DAY = 100_000


class EffectError(ValueError):
    """An effect that cannot apply to the current state; the message says why."""


@dataclass(frozen=True)
class Effect:
    """One structured change: ``(entity, property, op, value)``."""

    entity: str
    property: str
    op: str
    value: Any

    def as_list(self) -> list[Any]:
        return [self.entity, self.property, self.op, self.value]


@dataclass
class WorldState:
    """Entities' properties and kinds, and the connections that are closed or locked
    (``"a|b"`` with a < b)."""

    entities: dict[str, dict[str, Any]]
    kinds: dict[str, str]
    closed_routes: list[str] = field(default_factory=list)
    locked_routes: list[str] = field(default_factory=list)

    @classmethod
    def from_spec(cls, spec: WorldSpec) -> WorldState:
        entities: dict[str, dict[str, Any]] = {}
        kinds: dict[str, str] = {}
        env = spec.environment
        entities["world"] = {"weather": env.weather, "time": env.start, "day": 1, **env.properties}
        kinds["world"] = "world"
        for place in spec.places:
            entities[place.id] = {"name": place.name, **place.properties}
            kinds[place.id] = "place"
        for npc in spec.npcs:
            entities[npc.name] = {
                "place": npc.start_place,
                "coins": npc.coins,
                "hunger": 0.0,
                "mood": "content",
                "inventory": [],
                **npc.properties,
            }
            kinds[npc.name] = "npc"
        for item in spec.items:
            entities[item.id] = {
                "name": item.name,
                "place": item.place,
                "quantity": item.quantity,
                "price": item.price,
                **item.properties,
            }
            kinds[item.id] = "item"
            if item.place in entities and kinds[item.place] == "npc":
                entities[item.place]["inventory"].append(item.id)
        return cls(entities, kinds)

    def get(self, entity: str, prop: str | None) -> Any:
        """A property's value through scopes (``None`` when absent); with ``prop=None`` the
        entity id. A place's unset property reads the world's."""
        if entity not in self.entities:
            raise EffectError(f"unknown entity {entity!r}")
        if prop is None or prop == "id":
            return entity
        props = self.entities[entity]
        if prop not in props and self.kinds.get(entity) == "place":
            return self.entities.get("world", {}).get(prop)
        return props.get(prop)

    def read_path(self, entity: str, path: tuple[str, ...]) -> Any:
        """Follow a chained path: ``("owner", "coins")`` from an item reads the coins of
        the NPC its ``owner`` names. A link that names no entity reads as ``None``."""
        value: Any = entity
        for i, prop in enumerate(path):
            if i and (not isinstance(value, str) or value not in self.entities):
                return None
            value = self.get(value, prop)
        return value

    def shut(self, place: str) -> str:
        """Why no one may enter ``place`` (``closed``, ``flooded``, ``burning``), or ``""``."""
        props = self.entities.get(place, {})
        return next((flag for flag in SHUT_FLAGS if props.get(flag) is True), "")

    def route_state(self, key: str) -> str:
        """``open``, ``closed`` or ``locked`` for a connection key ``"a|b"``."""
        if key in self.locked_routes:
            return "locked"
        return "closed" if key in self.closed_routes else "open"

    def ids_of(self, kind: str) -> list[str]:
        """Entity ids of one kind, in a stable order (kinds never change after loading)."""
        cache = self.__dict__.setdefault("_ids_of", {})
        if kind not in cache:
            cache[kind] = [eid for eid, k in self.kinds.items() if k == kind]
        return cache[kind]

    def npcs_at(self, place: str) -> list[str]:
        """NPCs at a place (in no particular order: callers sort); an index kept in step
        with ``move`` effects."""
        index = self.__dict__.get("_occupants")
        if index is None:
            index = {}
            for npc in self.ids_of("npc"):
                index.setdefault(self.entities[npc]["place"], []).append(npc)
            self.__dict__["_occupants"] = index
        return index.get(place, [])

    def apply(self, effect: Effect) -> None:
        """Apply one effect or raise :class:`EffectError` without changing anything."""
        if effect.entity not in self.entities:
            raise EffectError(f"unknown entity {effect.entity!r}")
        if effect.op not in EFFECT_OPS:
            raise EffectError(f"unknown op {effect.op!r} (expected one of {EFFECT_OPS})")
        props = self.entities[effect.entity]
        current = props.get(effect.property)
        if effect.op == "move" or (effect.op == "set" and effect.property == "place"):
            self._move(effect.entity, effect.value)
            return
        if effect.op == "set":
            if isinstance(current, list) and not isinstance(effect.value, list):
                raise EffectError(f"{effect.entity}.{effect.property} is a list; use add/remove")
            new = effect.value
        elif effect.op == "add":
            new = _added(effect, current)
        else:
            new = _removed(effect, current)
        problem = self.value_problem(effect.entity, effect.property, new)
        if problem:
            raise EffectError(f"{effect.entity}.{effect.property} cannot be {_short(new)}: {problem}")
        props[effect.property] = new

    def value_problem(self, entity: str, prop: str, value: Any) -> str:
        """Why ``value`` cannot be ``entity.prop`` (``""``: it can); see :func:`value_problem`."""
        return value_problem(self.kinds.get(entity), prop, value, lambda name: self.kinds.get(name) == "item")

    def _move(self, entity: str, destination: Any) -> None:
        kind = self.kinds[entity]
        dest_kind = self.kinds.get(destination) if isinstance(destination, str) else None
        if kind == "npc" and dest_kind != "place":
            raise EffectError(f"cannot move NPC {entity!r} to {destination!r}: not a place")
        if kind == "item" and dest_kind not in ("place", "npc"):
            raise EffectError(f"cannot move item {entity!r} to {destination!r}: not a place or NPC")
        if kind not in ("npc", "item"):
            raise EffectError(f"only NPCs and items move, not {kind} {entity!r}")
        if kind == "npc" and "_occupants" in self.__dict__:
            index = self.__dict__["_occupants"]
            index[self.entities[entity]["place"]].remove(entity)
            index.setdefault(destination, []).append(entity)
        if kind == "item":
            holder = self.entities[entity].get("place")
            if self.kinds.get(holder) == "npc" and entity in self.entities[holder]["inventory"]:
                self.entities[holder]["inventory"].remove(entity)
            if dest_kind == "npc":
                self.entities[destination]["inventory"].append(entity)
        self.entities[entity]["place"] = destination

    def copy(self) -> WorldState:
        return WorldState(copy.deepcopy(self.entities), dict(self.kinds), list(self.closed_routes),
                          list(self.locked_routes))

    def to_json(self) -> dict[str, Any]:
        data = {"entities": self.entities, "kinds": self.kinds, "closed_routes": self.closed_routes}
        if self.locked_routes:
            data["locked_routes"] = self.locked_routes
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WorldState:
        return cls(data["entities"], data["kinds"], list(data.get("closed_routes", [])),
                   list(data.get("locked_routes", [])))

    def apply_route(self, effect: Effect) -> None:
        """Close, lock (``add`` to ``closed_routes`` / ``locked_routes``) or open (``remove``)
        a connection. A connection is in one state: locking it takes it off the closed list,
        closing a locked one leaves it locked, opening takes it off both."""
        key = str(effect.value)
        if effect.op not in ("add", "remove"):
            raise EffectError(f"connections are closed or locked with add and opened with remove, not {effect.op!r}")
        if effect.op == "remove":
            for name in ROUTE_LISTS:
                routes = getattr(self, name)
                if key in routes:
                    routes.remove(key)
            return
        if effect.property == "locked_routes" and key in self.closed_routes:
            self.closed_routes.remove(key)
        if effect.property == "closed_routes" and key in self.locked_routes:
            return
        routes = getattr(self, effect.property)
        if key not in routes:
            routes.append(key)
            routes.sort()


def value_problem(kind: str | None, prop: str, value: Any, is_item: Callable[[str], bool]) -> str:
    """Why ``value`` cannot be the ``prop`` of an entity of ``kind`` (``""``: it can). Every
    change passes here, from rules, events, scene commands and models alike (and world files
    are checked with it at load), so a value the engine could not read back (a clock of
    ``'banana'``, a NaN, a number SQLite cannot store, a place in an inventory) is refused
    before it is in the state."""
    values = value if isinstance(value, list) else [value]
    for one in values:
        if not isinstance(one, str | int | float | bool):
            return "not text, a number or true/false"
        if isinstance(one, float) and not math.isfinite(one):
            return "not a finite number"
        if isinstance(one, int) and abs(one) > MAX_INT:
            return "a number too large to store"
    if kind == "world" and prop == "time" and not (isinstance(value, str) and HHMM.match(value)):
        return "the time of day is HH:MM"
    if kind == "world" and prop == "day" and not (_is_number(value) and value == int(value) and 1 <= value <= MAX_DAY):
        return f"the day is a whole number from 1 to {MAX_DAY}"
    if kind == "npc" and prop == "inventory" and not all(is_item(str(v)) for v in values):
        return "an inventory holds items only"
    return ""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _added(effect: Effect, current: Any) -> Any:
    if isinstance(current, list):
        return [*current, effect.value]
    if current is None:
        return effect.value if _is_number(effect.value) else [effect.value]
    if _is_number(current) and _is_number(effect.value):
        return current + effect.value
    raise EffectError(f"cannot add {effect.value!r} to {effect.entity}.{effect.property}={current!r}")


def _removed(effect: Effect, current: Any) -> Any:
    if isinstance(current, list):
        if effect.value not in current:
            raise EffectError(f"{effect.entity}.{effect.property} does not contain {effect.value!r}")
        out = list(current)
        out.remove(effect.value)
        return out
    if _is_number(current) and _is_number(effect.value):
        return current - effect.value
    raise EffectError(
        f"cannot remove {effect.value!r} from {effect.entity}.{effect.property}={current!r}"
    )
