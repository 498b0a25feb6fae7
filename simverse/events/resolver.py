"""Resolve actions by the world's declared rules, deterministically.

The steps, each a small function: bind the action's roles to entity ids, check the
arguments' kinds, check access (:mod:`simverse.events.access`: shut places, closed and
locked connections, locked containers), check preconditions, build the effects, apply
them atomically, and work out who noticed. Actions of one step are resolved one after
another in an order the caller draws from the model's seeded rng, so two NPCs taking the
last loaf is settled deterministically and the loser's outcome names who got there first.
Reads go through the state's scopes and chained paths (``item.owner.coins``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from simverse.core.outcome import Outcome
from simverse.core.rules import EffectRule, Operand, Rule, evaluate, parse_condition, parse_effect
from simverse.core.schema import ActionDef, WorldSpec
from simverse.core.state import ROUTE_LISTS, Effect, EffectError, WorldState
from simverse.events.access import access_problem, move_problem, route_key

KIND_OF_ARG = {"item": "item", "place": "place", "npc": "npc"}
__all__ = ["ActionCall", "RuleResolver", "apply_effects", "npcs_at", "observers_of", "route_key"]


@dataclass(frozen=True)
class ActionCall:
    """An NPC's chosen action with its arguments, as the resolver receives it."""

    actor: str
    action: str
    args: dict[str, str]


@dataclass(frozen=True)
class CompiledAction:
    spec: ActionDef
    conditions: tuple[Rule, ...]
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
        if not problem:
            problem = access_problem(state, compiled.spec.args, bindings, compiled.effects)
        if problem:
            return _outcome(call, here, False, problem, "", [], [call.actor], 1)
        for condition in compiled.conditions:
            if not evaluate(condition.expr, lambda o: _value(state, o, bindings)):
                reason = f"precondition failed: {condition.text} ({_shown_values(state, condition, bindings)})"
                winner = _winner(condition, bindings, touched, call.actor)
                if winner:
                    reason += f"; {winner} got there first this step"
                return _outcome(call, here, False, reason, "", [], [call.actor], 2)
        try:
            effects = [_effect(state, e, bindings) for e in compiled.effects]
        except EffectError as exc:
            return _outcome(call, here, False, f"effects cannot apply: {exc}", "", [], [call.actor], 2)
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
        reason = move_problem(state, here, target)
        if reason:
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
    routes = (list(state.closed_routes), list(state.locked_routes))
    try:
        for effect in effects:
            if effect.entity == "world" and effect.property in ROUTE_LISTS:
                state.apply_route(effect)
            else:
                state.apply(effect)
    except EffectError:
        state.entities.update(backup)
        state.closed_routes[:], state.locked_routes[:] = routes
        raise


def _copy_props(props: dict) -> dict:
    """Property values are scalars or lists of scalars: copying lists is a deep enough copy."""
    return {k: list(v) if isinstance(v, list) else v for k, v in props.items()}


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
    return state.read_path(bindings.get(operand.role, operand.role), operand.path)


def _effect(state: WorldState, rule: EffectRule, bindings: dict[str, str]) -> Effect:
    """The concrete effect of a rule: its holder resolved (through chained paths)."""
    holder = _value(state, rule.holder, bindings)
    if not isinstance(holder, str) or holder not in state.entities:
        raise EffectError(f"{rule.holder.describe()} names no entity (it is {holder!r})")
    return Effect(holder, rule.prop, rule.op, _value(state, rule.value, bindings))


def _shown_values(state: WorldState, rule: Rule, bindings: dict[str, str]) -> str:
    """``actor.coins=1, item.price=2``: the values the condition read."""
    seen = dict.fromkeys(o.describe() for o in rule.operands() if o.role is not None and o.path)
    parts = []
    for operand in (o for o in rule.operands() if o.role is not None and o.path):
        name = operand.describe()
        if seen.pop(name, 0) is None:
            parts.append(f"{name}={_value(state, operand, bindings)!r}")
    return ", ".join(parts[:4])


def _winner(condition: Rule, bindings: dict[str, str], touched: dict[str, str], actor: str) -> str:
    for operand in condition.operands():
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
