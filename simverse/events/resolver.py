"""Resolve actions by the world's declared rules, deterministically.

The steps, each a small function: bind the action's roles to entity ids, check the
arguments' kinds, check preconditions, build the effects, apply them atomically, and
work out who noticed. Actions of one step are resolved one after another in an order
the caller draws from the model's seeded rng, so two NPCs taking the last loaf is
settled deterministically and the loser's outcome names who got there first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from simverse.core.outcome import Outcome
from simverse.core.rules import Condition, EffectRule, Operand, compare, parse_condition, parse_effect
from simverse.core.schema import ActionDef, WorldSpec
from simverse.core.state import Effect, EffectError, WorldState

KIND_OF_ARG = {"item": "item", "place": "place", "npc": "npc"}


@dataclass(frozen=True)
class ActionCall:
    """An NPC's chosen action with its arguments, as the resolver receives it."""

    actor: str
    action: str
    args: dict[str, str]


@dataclass(frozen=True)
class CompiledAction:
    spec: ActionDef
    conditions: tuple[Condition, ...]
    effects: tuple[EffectRule, ...]


class RuleResolver:
    """Resolves built-in actions (``wait``, ``move``) and every action the world declares."""

    def __init__(self, spec: WorldSpec, places: nx.Graph) -> None:
        self.spec = spec
        self.places = places
        entity_ids = set(spec.place_ids()) | set(spec.npc_names()) | {i.id for i in spec.items}
        self.actions: dict[str, CompiledAction] = {}
        for action in spec.actions:
            roles = {"actor", "here", "world", *action.args} | entity_ids
            self.actions[action.name] = CompiledAction(
                action,
                tuple(parse_condition(c, roles) for c in action.preconditions),
                tuple(parse_effect(e, roles) for e in action.effects),
            )

    def covers(self, action: str) -> bool:
        """Whether this resolver has a rule for the action."""
        return action in ("wait", "move") or action in self.actions

    def resolve_sequence(self, state: WorldState, calls: Sequence[ActionCall]) -> list[Outcome]:
        """Resolve and apply calls in the given order; later calls see earlier effects."""
        touched: dict[str, str] = {}
        outcomes = []
        for call in calls:
            outcome = self.resolve(state, call, touched)
            if outcome.success:
                apply_effects(state, outcome.effects)
                for effect in outcome.effects:
                    touched.setdefault(effect.entity, call.actor)
            outcomes.append(outcome)
        return outcomes

    def resolve(self, state: WorldState, call: ActionCall, touched: dict[str, str] | None = None) -> Outcome:
        """Work out the outcome of one call on ``state`` without applying it."""
        touched = touched or {}
        here = state.get(call.actor, "place")
        if call.action == "wait":
            return _outcome(call, here, True, "", f"{call.actor} waits.", [], [call.actor], 1)
        if call.action == "move":
            return self._move(state, call, here)
        compiled = self.actions.get(call.action)
        if compiled is None:
            return _outcome(call, here, False, f"unknown action {call.action!r}", "", [], [], 1)
        bindings, problem = self._bind(state, call, compiled.spec, here)
        if problem:
            return _outcome(call, here, False, problem, "", [], [call.actor], 1)
        for condition in compiled.conditions:
            left = _value(state, condition.left, bindings)
            right = _value(state, condition.right, bindings)
            if not compare(left, condition.op, right):
                reason = f"precondition failed: {condition.text} ({_show(condition.left)}={left!r})"
                winner = _winner(condition, bindings, touched, call.actor)
                if winner:
                    reason += f"; {winner} got there first this step"
                return _outcome(call, here, False, reason, "", [], [call.actor], 2)
        effects = [
            Effect(bindings.get(e.role, e.role), e.prop, e.op, _value(state, e.value, bindings))
            for e in compiled.effects
        ]
        names = {arg: str(state.get(v, "name") or v) for arg, v in call.args.items() if v in state.entities}
        narration = _narrate(compiled.spec, call, names)
        observers = observers_of(state, self.places, call.actor, here, compiled.spec.observers)
        return _outcome(call, here, True, "", narration, effects, observers, compiled.spec.importance)

    def _move(self, state: WorldState, call: ActionCall, here: str) -> Outcome:
        target = call.args.get("place", "")
        if target not in self.places:
            return _outcome(call, here, False, f"unknown place {target!r}", "", [], [call.actor], 1)
        if not self.places.has_edge(here, target):
            reason = f"{target} is not reachable from {here} in one step"
            return _outcome(call, here, False, reason, "", [], [call.actor], 1)
        if route_key(here, target) in state.closed_routes:
            reason = f"the way from {here} to {target} is closed"
            return _outcome(call, here, False, reason, "", [], [call.actor], 2)
        observers = sorted(
            {*npcs_at(state, here), *npcs_at(state, target)} - {call.actor}
        )
        narration = f"{call.actor} walks from {state.get(here, 'name')} to {state.get(target, 'name')}."
        effects = [Effect(call.actor, "place", "move", target)]
        return _outcome(call, here, True, "", narration, effects, [call.actor, *observers], 1)

    def _bind(
        self, state: WorldState, call: ActionCall, spec: ActionDef, here: str
    ) -> tuple[dict[str, str], str]:
        bindings = {"actor": call.actor, "here": here, "world": "world"}
        for arg, kind in spec.args.items():
            value = call.args.get(arg)
            if value is None:
                return bindings, f"missing argument {arg!r}"
            if kind in KIND_OF_ARG and state.kinds.get(value) != KIND_OF_ARG[kind]:
                return bindings, f"argument {arg!r}: unknown {kind} {value!r}"
            bindings[arg] = value
        return bindings, ""


def apply_effects(state: WorldState, effects: Sequence[Effect]) -> None:
    """Apply all effects or none: on an :class:`EffectError` the state is restored."""
    involved = {e.entity for e in effects}
    for e in effects:
        if e.op == "move" and isinstance(e.value, str) and e.value in state.entities:
            involved.add(e.value)
            holder = state.entities[e.entity].get("place") if e.entity in state.entities else None
            if isinstance(holder, str) and holder in state.entities:
                involved.add(holder)
    backup = {eid: _copy_props(state.entities[eid]) for eid in involved if eid in state.entities}
    routes = list(state.closed_routes)
    try:
        for effect in effects:
            if effect.entity == "world" and effect.property == "closed_routes":
                _apply_route(state, effect)
            else:
                state.apply(effect)
    except EffectError:
        state.entities.update(backup)
        state.closed_routes[:] = routes
        raise


def _apply_route(state: WorldState, effect: Effect) -> None:
    """Close (``add``) or reopen (``remove``) a connection: ``WorldState.closed_routes``
    is layout, not a property of an entity, so route effects are handled here."""
    key = str(effect.value)
    if effect.op == "add":
        if key not in state.closed_routes:
            state.closed_routes.append(key)
            state.closed_routes.sort()
    elif effect.op == "remove":
        if key in state.closed_routes:
            state.closed_routes.remove(key)
    else:
        raise EffectError(f"routes are closed with add and reopened with remove, not {effect.op!r}")


def _copy_props(props: dict) -> dict:
    """Property values are scalars or lists of scalars: copying lists is a deep enough copy."""
    return {k: list(v) if isinstance(v, list) else v for k, v in props.items()}


def route_key(a: str, b: str) -> str:
    """The key of an undirected connection, as stored in ``closed_routes``."""
    return "|".join(sorted((a, b)))


def npcs_at(state: WorldState, place: str) -> list[str]:
    return state.npcs_at(place)


def observers_of(state: WorldState, places: nx.Graph, actor: str | None, place: str | None, rule: str) -> list[str]:
    """Who notices something done at ``place``: the actor first, then others by name."""
    if rule == "everyone":
        seen = state.ids_of("npc")
    elif rule == "actor_only" or place is None:
        seen = []
    elif rule == "adjacent":
        seen = [n for p in (place, *places.neighbors(place)) for n in state.npcs_at(p)]
    else:
        seen = npcs_at(state, place)
    others = sorted(n for n in seen if n != actor)
    return [actor, *others] if actor else others


def _value(state: WorldState, operand: Operand, bindings: dict[str, str]) -> object:
    if operand.role is None:
        return operand.literal
    return state.get(bindings.get(operand.role, operand.role), operand.prop)


def _show(operand: Operand) -> str:
    return operand.describe()


def _winner(condition: Condition, bindings: dict[str, str], touched: dict[str, str], actor: str) -> str:
    for operand in (condition.left, condition.right):
        if operand.role is not None:
            other = touched.get(bindings.get(operand.role, operand.role))
            if other and other != actor:
                return other
    return ""


def _narrate(spec: ActionDef, call: ActionCall, names: dict[str, str]) -> str:
    if not spec.narration:
        return f"{call.actor} does {spec.name}."
    fields = {"actor": call.actor, **call.args}
    fields.update({f"{arg}_name": names.get(arg, value) for arg, value in call.args.items()})
    return spec.narration.format_map(_Missing(fields))


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _outcome(
    call: ActionCall,
    place: str,
    success: bool,
    reason: str,
    narration: str,
    effects: list[Effect],
    observers: list[str],
    importance: int,
) -> Outcome:
    if not success and not narration:
        narration = f"{call.actor} tries to {call.action} but cannot: {reason}."
    source = "builtin" if call.action in ("wait", "move") else "rule"
    return Outcome(
        kind="action",
        actor=call.actor,
        action=call.action,
        args=dict(call.args),
        success=success,
        reason=reason,
        narration=narration,
        place=place,
        effects=effects,
        observers=observers,
        source=source,
        importance=importance,
    )
