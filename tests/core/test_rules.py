"""Rule resolution: preconditions, effects, atomicity and deterministic conflicts."""

from __future__ import annotations

import pytest

from simverse.core.loader import parse_world
from simverse.core.rules import RuleSyntaxError, parse_condition, parse_effect
from simverse.core.state import Effect, EffectError
from simverse.events.resolver import ActionCall, apply_effects
from simverse.world.model import World


def test_effect_syntax_maps_to_ops():
    roles = ["actor", "item"]
    assert parse_effect("item.quantity -= 1", roles).op == "remove"
    assert parse_effect("actor.inventory += item", roles).op == "add"
    assert parse_effect("actor.mood = 'calm'", roles).op == "set"
    move = parse_effect("move item to actor", roles)
    assert (move.role, move.prop, move.op, move.value.role) == ("item", "place", "move", "actor")


def test_conditions_never_evaluate_code():
    with pytest.raises(RuleSyntaxError):
        parse_condition("__import__('os').system('true') == 1", ["actor"])


def test_buy_applies_all_effects(tiny):
    world = World(parse_world(tiny), seed=0)
    outcome = world.resolver.resolve(world.state, ActionCall("Ann", "buy", {"item": "bread"}))
    assert outcome.success, outcome.reason
    assert [e.as_list() for e in outcome.effects] == [
        ["bread", "quantity", "remove", 1], ["Ann", "coins", "remove", 1], ["Ann", "inventory", "add", "bread"],
    ]
    assert outcome.observers == ["Ann", "Bob"]


def test_failed_precondition_says_which(tiny):
    tiny["npcs"][0]["coins"] = 0
    world = World(parse_world(tiny), seed=0)
    outcome = world.resolver.resolve(world.state, ActionCall("Ann", "buy", {"item": "bread"}))
    assert not outcome.success
    assert outcome.reason.startswith("precondition failed: actor.coins >= item.price")


def test_two_buyers_of_the_last_loaf_one_wins_and_the_loser_knows_why(tiny):
    world = World(parse_world(tiny), seed=0)
    calls = [ActionCall("Ann", "buy", {"item": "bread"}), ActionCall("Bob", "buy", {"item": "bread"})]
    first, second = world.resolver.resolve_sequence(world.state, calls)
    assert first.success and not second.success
    assert "Ann got there first this step" in second.reason
    assert world.state.entities["bread"]["quantity"] == 0


def test_effects_apply_all_or_nothing(tiny):
    world = World(parse_world(tiny), seed=0)
    before = world.state.copy()
    with pytest.raises(EffectError):
        apply_effects(world.state, [Effect("Ann", "coins", "add", 5), Effect("Ann", "inventory", "remove", "gold")])
    assert world.state.entities == before.entities


def test_move_only_to_neighbours(tiny):
    world = World(parse_world(tiny), seed=0)
    far = world.resolver.resolve(world.state, ActionCall("Ann", "move", {"place": "well"}))
    near = world.resolver.resolve(world.state, ActionCall("Ann", "move", {"place": "square"}))
    assert not far.success and "not reachable" in far.reason
    assert near.success and near.effects == [Effect("Ann", "place", "move", "square")]
