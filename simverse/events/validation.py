"""Check proposed effects against the world before they apply: reject or repair, and count.

Effects from rules are correct by construction; effects proposed by the event-inference
model (or the offline scene matcher) are data and pass through :func:`check_effects`
first. Each effect is checked in named steps:

1. entity: a known id, else a case-insensitive or near-miss match of an id or ``name``
   (repaired), else rejected (``unknown_entity``);
2. op: one of set/add/remove/move, else a known synonym (``+=``, ``increase`` ...,
   repaired), else rejected (``bad_op``); ``set`` of ``place`` becomes ``move``;
3. property: with the world's :class:`~simverse.core.properties.Catalogue`, a property
   the world does not declare for that kind of entity is rejected with a did-you-mean
   (``unknown_property``), and one that nothing reads is noted;
4. move: an NPC acting (``authority="action"``) only to its own or a neighbouring place
   over an open connection into a place that is not shut; the director (``"director"``:
   scene commands and injected events) anywhere; an item only to a place or an NPC
   (``bad_move``);
5. value: numbers given as text are coerced; the resulting value must stay in range
   (quantities, coins, prices >= 0; hunger and other 0..1 needs clamped; ``bad_value``
   / ``out_of_range``); a value of another type than the declared one is rejected;
6. apply: each surviving effect is tried on a scratch copy of the state, so one that
   cannot apply (removing what is not there) is rejected alone.

Connections are effects on ``("world", "closed_routes" | "locked_routes", "add" | "remove",
"a|b")``: add closes (locks), remove opens.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal

import networkx as nx

from simverse.core.properties import BOOL, LIST, NUMBER, TEXT, Catalogue, type_of
from simverse.core.state import EFFECT_OPS, ROUTE_LISTS, Effect, EffectError, WorldState
from simverse.events.access import move_problem
from simverse.events.resolver import apply_effects, route_key

NON_NEGATIVE = ("quantity", "coins", "price")
UNIT_INTERVAL = ("hunger",)
Authority = Literal["action", "director"]
OP_SYNONYMS = {
    "=": "set", "assign": "set", "change": "set", "update": "set",
    "+=": "add", "+": "add", "increase": "add", "increment": "add", "append": "add", "give": "add",
    "-=": "remove", "-": "remove", "decrease": "remove", "decrement": "remove", "subtract": "remove",
    "delete": "remove", "take": "remove",
    "goto": "move", "go": "move", "travel": "move", "relocate": "move",
}


@dataclass
class InferenceCounts:
    """What happened to inferred outcomes and their effects (per step in ``stats``)."""

    outcomes: int = 0
    model_outcomes: int = 0
    non_json: int = 0
    invalid_schema: int = 0
    backend_errors: int = 0
    effects_checked: int = 0
    effects_repaired: int = 0
    effects_rejected: int = 0
    unknown_entity: int = 0
    bad_op: int = 0
    bad_move: int = 0
    bad_value: int = 0
    out_of_range: int = 0
    unknown_property: int = 0
    conflicts: int = 0

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def take(self) -> InferenceCounts:
        """These counts, and start again from zero."""
        out = InferenceCounts(**self.as_dict())
        for f in fields(self):
            setattr(self, f.name, 0)
        return out


@dataclass
class EffectCheck:
    """Effects that survived (some repaired) and a note per repair or rejection."""

    effects: list[Effect]
    notes: list[str]
    rejected: int


@dataclass(frozen=True)
class Context:
    """What one check knows besides the state: the map, who asks, what the world declares."""

    places: nx.Graph
    authority: Authority = "action"
    catalogue: Catalogue | None = None


def check_effects(
    state: WorldState, places: nx.Graph, proposed: Sequence[Any], counts: InferenceCounts,
    *, authority: Authority = "action", catalogue: Catalogue | None = None,
) -> EffectCheck:
    """Validate ``proposed`` effects (:class:`Effect` or 4-item sequences) against ``state``."""
    scratch = state.copy()
    kept: list[Effect] = []
    notes: list[str] = []
    rejected = 0
    context = Context(places, authority, catalogue)
    for raw in proposed:
        counts.effects_checked += 1
        effect, problem, fixes = _check_one(scratch, context, raw, counts)
        if effect is not None:
            try:
                apply_effects(scratch, [effect])
            except EffectError as exc:
                effect, problem = None, f"cannot apply: {exc}"
                counts.bad_value += 1
        if effect is None:
            rejected += 1
            counts.effects_rejected += 1
            notes.append(f"rejected {_show(raw)}: {problem}")
            continue
        if fixes:
            counts.effects_repaired += 1
            notes.append(f"repaired {_show(raw)}: {'; '.join(fixes)}")
        unread = _unread(scratch, context, effect)
        if unread:
            notes.append(unread)
        kept.append(effect)
    return EffectCheck(kept, notes, rejected)


def _unread(state: WorldState, context: Context, effect: Effect) -> str:
    catalogue = context.catalogue
    if catalogue is None or effect.property in ROUTE_LISTS or effect.op == "move":
        return ""
    if catalogue.read_by_rules(state.kinds[effect.entity], effect.property):
        return ""
    return f"nothing in this world reads {effect.entity}.{effect.property}"


def resolve_entity(state: WorldState, name: str) -> str | None:
    """An entity id for ``name``: exact, case-insensitive, by display name, or near miss."""
    if name in state.entities:
        return name
    lowered: dict[str, str] = {}
    for eid, props in state.entities.items():
        lowered.setdefault(eid.lower(), eid)
        display = props.get("name")
        if isinstance(display, str):
            lowered.setdefault(display.lower(), eid)
            lowered.setdefault(display.lower().removeprefix("the "), eid)
    key = str(name).strip().lower().removeprefix("the ")
    if key in lowered:
        return lowered[key]
    near = difflib.get_close_matches(key, list(lowered), n=1, cutoff=0.85)
    return lowered[near[0]] if near else None


def _check_one(
    state: WorldState, context: Context, raw: Any, counts: InferenceCounts
) -> tuple[Effect | None, str, list[str]]:
    fixes: list[str] = []
    if isinstance(raw, Effect):
        entity, prop, op, value = raw.entity, raw.property, raw.op, raw.value
    elif isinstance(raw, list | tuple) and len(raw) == 4:
        entity, prop, op, value = raw
    else:
        counts.bad_value += 1
        return None, "not an (entity, property, op, value) effect", fixes
    entity_id = resolve_entity(state, str(entity))
    if entity_id is None:
        counts.unknown_entity += 1
        return None, f"unknown entity {entity!r}", fixes
    if entity_id != entity:
        fixes.append(f"entity {entity!r} -> {entity_id!r}")
    prop = str(prop).strip()
    op_name = str(op).strip().lower()
    if op_name not in EFFECT_OPS:
        mapped = OP_SYNONYMS.get(op_name)
        if mapped is None:
            counts.bad_op += 1
            return None, f"unknown op {op!r} (expected one of {EFFECT_OPS})", fixes
        fixes.append(f"op {op!r} -> {mapped!r}")
        op_name = mapped
    if prop in ROUTE_LISTS:
        return _check_route(context.places, entity_id, prop, op_name, value, counts, fixes)
    if prop == "place" and op_name == "set":
        op_name = "move"
        fixes.append("set of place -> move")
    if op_name == "move":
        return _check_move(state, context, entity_id, value, counts, fixes)
    if prop == "place":
        counts.bad_op += 1
        return None, "place changes only by move", fixes
    kind = state.kinds[entity_id]
    if context.catalogue is not None and not context.catalogue.declared(kind, prop):
        counts.unknown_property += 1
        return None, context.catalogue.unknown(kind, prop, entity_id), fixes
    declared = context.catalogue.type(kind, prop) if context.catalogue is not None else None
    return _check_value(state, entity_id, prop, op_name, value, counts, fixes, declared)


def _check_route(
    places: nx.Graph, entity: str, prop: str, op: str, value: Any, counts: InferenceCounts, fixes: list[str]
) -> tuple[Effect | None, str, list[str]]:
    if entity != "world" or op not in ("add", "remove"):
        counts.bad_op += 1
        return None, "connections close and open only as world.closed_routes / locked_routes add/remove", fixes
    ends = str(value).split("|")
    if len(ends) != 2 or not all(e in places for e in ends):
        counts.unknown_entity += 1
        return None, f"route {value!r} is not 'place|place'", fixes
    if not places.has_edge(*ends):
        counts.bad_move += 1
        return None, f"no connection between {ends[0]} and {ends[1]}", fixes
    key = route_key(*ends)
    if key != value:
        fixes.append(f"route key {value!r} -> {key!r}")
    return Effect("world", prop, op, key), "", fixes


def _check_move(
    state: WorldState, context: Context, entity: str, value: Any, counts: InferenceCounts, fixes: list[str]
) -> tuple[Effect | None, str, list[str]]:
    kind = state.kinds[entity]
    target = resolve_entity(state, str(value)) if value is not None else None
    if target is None:
        counts.bad_move += 1
        return None, f"cannot move {entity} to unknown {value!r}", fixes
    if target != value:
        fixes.append(f"destination {value!r} -> {target!r}")
    dest_kind = state.kinds[target]
    if kind == "npc":
        here = state.entities[entity].get("place")
        if dest_kind != "place":
            counts.bad_move += 1
            return None, f"NPC {entity} can only move to a place, not {dest_kind} {target!r}", fixes
        if context.authority == "action" and target != here:
            if not context.places.has_edge(here, target):
                counts.bad_move += 1
                return None, f"{target} is not next to {here}", fixes
            problem = move_problem(state, here, target)
            if problem:
                counts.bad_move += 1
                return None, problem, fixes
    elif kind == "item":
        if dest_kind not in ("place", "npc"):
            counts.bad_move += 1
            return None, f"item {entity} can go to a place or an NPC, not {dest_kind} {target!r}", fixes
    else:
        counts.bad_move += 1
        return None, f"a {kind} does not move", fixes
    return Effect(entity, "place", "move", target), "", fixes


def _check_value(
    state: WorldState, entity: str, prop: str, op: str, value: Any, counts: InferenceCounts, fixes: list[str],
    declared: str | None = None,
) -> tuple[Effect | None, str, list[str]]:
    current = state.entities[entity].get(prop)
    if declared in (BOOL, TEXT) and op == "set" and type_of(value) != declared:
        counts.bad_value += 1
        return None, f"{entity}.{prop} is {'true/false' if declared == BOOL else 'text'}, got {value!r}", fixes
    numeric = _is_number(current) or prop in NON_NEGATIVE or prop in UNIT_INTERVAL or declared == NUMBER
    if declared == LIST and op == "set":
        counts.bad_op += 1
        return None, f"{entity}.{prop} is a list; use add/remove", fixes
    if numeric and not isinstance(current, list) and not _is_number(value):
        number = _as_number(value)
        if number is None:
            counts.bad_value += 1
            return None, f"{entity}.{prop} is a number, got {value!r}", fixes
        fixes.append(f"value {value!r} -> {number}")
        value = number
    if numeric and _is_number(value) and not math.isfinite(value):
        counts.bad_value += 1
        return None, f"{entity}.{prop} is a number, got {value!r}", fixes
    if isinstance(current, list) and op == "set" and not isinstance(value, list):
        counts.bad_op += 1
        return None, f"{entity}.{prop} is a list; use add/remove", fixes
    if isinstance(current, list) and op in ("add", "remove") and isinstance(value, str):
        resolved = resolve_entity(state, value)
        if resolved is not None and resolved != value:
            fixes.append(f"element {value!r} -> {resolved!r}")
            value = resolved
    if not numeric or isinstance(current, list):
        return Effect(entity, prop, op, value), "", fixes
    base = current if _is_number(current) else 0
    result = {"set": value, "add": base + value, "remove": base - value}[op]
    if prop in NON_NEGATIVE and result < 0:
        counts.out_of_range += 1
        return None, f"{entity}.{prop} would be {result} (< 0)", fixes
    if prop in UNIT_INTERVAL and not 0.0 <= result <= 1.0:
        clamped = min(1.0, max(0.0, result))
        fixes.append(f"{entity}.{prop} {result} clamped to {clamped}")
        counts.out_of_range += 1
        return Effect(entity, prop, "set", clamped), "", fixes
    return Effect(entity, prop, op, value), "", fixes


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_number(value: Any) -> int | float | None:
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _show(raw: Any) -> str:
    if isinstance(raw, Effect):
        return repr(raw.as_list())
    return repr(list(raw)) if isinstance(raw, list | tuple) else repr(raw)
